import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { IClientOptions, MqttClient } from "mqtt";
import { isYunxiError } from "../errors/errors.js";
import type { DeviceBroker, DeviceBrokerMessage, PlatformMqttClient } from "./device-broker.js";
import { connectBounded, refusedSubscribeCode } from "./mqtt-connect.js";

export interface DeviceBrokerContractOptions {
  /** MQTT protocol versions the simulated devices speak; each gets the full device scenario set. */
  readonly deviceProtocolVersions: readonly (4 | 5)[];
}

const WAIT_MS = 5000;
const TEST_TIMEOUT_MS = 30_000;

/** Rejects after `ms` with a message naming what was awaited. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Records messages in arrival order and lets a test wait for one. */
class Inbox {
  readonly messages: { topic: string; text: string }[] = [];
  #waiters: { match: (topic: string, text: string) => boolean; resolve: () => void }[] = [];

  push(topic: string, payload: Uint8Array): void {
    const text = Buffer.from(payload).toString("utf8");
    this.messages.push({ topic, text });
    this.#waiters = this.#waiters.filter((waiter) => {
      if (!waiter.match(topic, text)) return true;
      waiter.resolve();
      return false;
    });
  }

  /** Resolves once a message with `text` arrived (also if it already had). */
  async waitFor(text: string, what: string): Promise<void> {
    if (this.messages.some((message) => message.text === text)) return;
    await within(new Promise<void>((resolve) => this.#waiters.push({ match: (_, t) => t === text, resolve })), WAIT_MS, what);
  }

  texts(): string[] {
    return this.messages.map((message) => message.text);
  }
}

function deviceInbox(client: MqttClient): Inbox {
  const inbox = new Inbox();
  client.on("message", (topic, payload) => inbox.push(topic, payload));
  return inbox;
}

/** Resolves when the connection closes, or with false after `ms`. */
function closedWithin(client: MqttClient, ms: number): Promise<boolean> {
  if (!client.connected) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    client.once("close", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function closeQuietly(client: MqttClient | undefined): Promise<void> {
  if (!client) return;
  await within(client.endAsync(true), WAIT_MS, "device connection end").catch(() => undefined);
}

/**
 * The one contract suite for {@link DeviceBroker}: every implementation must pass it. `open` returns a fresh
 * broker; the suite closes it. Devices are simulated with the `mqtt` npm client; device ids are unique per run
 * and every device the suite registers is revoked at the end.
 */
export function deviceBrokerContract(
  label: string,
  open: () => Promise<DeviceBroker>,
  options: DeviceBrokerContractOptions,
): void {
  describe(`DeviceBroker contract: ${label}`, () => {
    const runId = randomBytes(4).toString("hex");
    let broker: DeviceBroker;
    let platform: PlatformMqttClient;
    let platformInbox: Inbox;
    let deviceCounter = 0;
    const registered = new Set<string>();
    const openClients = new Set<MqttClient>();

    const newDeviceId = () => `ct-${runId}-${++deviceCounter}`;
    const newSecret = () => randomBytes(24).toString("base64url");

    async function register(deviceId: string, secret: string): Promise<void> {
      await broker.registerDevice(deviceId, secret);
      registered.add(deviceId);
    }

    async function connectDevice(
      deviceId: string,
      secret: string,
      version: 4 | 5,
      extra: { clean?: boolean; clientId?: string; inbox?: Inbox; will?: IClientOptions["will"] } = {},
    ): Promise<MqttClient> {
      const clean = extra.clean ?? true;
      const mqttOptions: IClientOptions = {
        clientId: extra.clientId ?? deviceId,
        username: deviceId,
        password: secret,
        protocolVersion: version,
        clean,
        reconnectPeriod: 0,
        keepalive: 30,
        ...(version === 5 && !clean ? { properties: { sessionExpiryInterval: 300 } } : {}),
        ...(extra.will ? { will: extra.will } : {}),
      };
      const inbox = extra.inbox;
      const client = await connectBounded(broker.brokerUrl, mqttOptions, {
        brokerLabel: label,
        timeoutMs: WAIT_MS,
        onCreated: inbox ? (created) => created.on("message", (topic, payload) => inbox.push(topic, payload)) : undefined,
      });
      // Refused publishes end the connection on some brokers; the error event is expected then.
      client.on("error", () => undefined);
      openClients.add(client);
      return client;
    }

    async function assertRefused(connecting: Promise<MqttClient>, why: string): Promise<void> {
      const outcome = await connecting.then(
        (client) => {
          openClients.add(client);
          return undefined;
        },
        (error: unknown) => error,
      );
      assert.ok(outcome !== undefined, `${why}: the broker accepted the connection`);
      assert.ok(isYunxiError(outcome, "Unauthenticated"), `${why}: expected a refused login, got ${String(outcome)}`);
    }

    before(async () => {
      broker = await open();
      platform = await broker.connectPlatformClient({ clientId: `contract-${runId}` });
      platformInbox = new Inbox();
      await platform.subscribe(`yunxi/v1/#`, (message: DeviceBrokerMessage) =>
        platformInbox.push(message.topic, message.payload),
      );
    });

    after(async () => {
      await Promise.all([...openClients].map((client) => closeQuietly(client)));
      for (const deviceId of registered) {
        await broker.revokeDevice(deviceId).catch((error: unknown) => {
          if (!isYunxiError(error, "NotFound")) throw error;
        });
      }
      await platform?.close();
      await broker?.close();
    });

    it("rejects malformed device ids and secrets and changes nothing", { timeout: TEST_TIMEOUT_MS }, async () => {
      for (const bad of ["", "a/b", "a+b", "#", "a".repeat(65), "dev ice", "设备"]) {
        await assert.rejects(broker.registerDevice(bad, newSecret()), (error) => isYunxiError(error, "InvalidArgument"));
        await assert.rejects(broker.revokeDevice(bad), (error) => isYunxiError(error, "InvalidArgument"));
      }
      const deviceId = newDeviceId();
      await assert.rejects(broker.registerDevice(deviceId, "short"), (error) => isYunxiError(error, "InvalidArgument"));
      await assert.rejects(broker.revokeDevice(deviceId), (error) => isYunxiError(error, "NotFound"));
      await assertRefused(connectDevice(deviceId, "short", 4), "device whose registration was rejected");
    });

    it("keeps the platform client inside yunxi/v1/", { timeout: TEST_TIMEOUT_MS }, async () => {
      for (const topic of ["other/topic", "yunxi/v2/x", "yunxi/v1/devices/+/down/x", "", "$SYS/x"]) {
        await assert.rejects(platform.publish(topic, "x", { qos: 1 }), (error) => isYunxiError(error, "InvalidArgument"));
      }
      for (const filter of ["#", "+/v1/#", "yunxi/#", "yunxi/v1/#/x"]) {
        await assert.rejects(platform.subscribe(filter, () => undefined), (error) => isYunxiError(error, "InvalidArgument"));
      }
      await assert.rejects(broker.connectPlatformClient({ clientId: "bad id" }), (error) => isYunxiError(error, "InvalidArgument"));
    });

    for (const version of options.deviceProtocolVersions) {
      const mqttName = version === 5 ? "MQTT 5" : "MQTT 3.1.1";

      describe(`${mqttName} devices`, () => {
        it("delivers a registered device's up-publish to the platform", { timeout: TEST_TIMEOUT_MS }, async () => {
          const deviceId = newDeviceId();
          const secret = newSecret();
          await register(deviceId, secret);
          const device = await connectDevice(deviceId, secret, version);
          const text = `event-${deviceId}`;
          await device.publishAsync(`yunxi/v1/devices/${deviceId}/up/events`, text, { qos: 1 });
          await platformInbox.waitFor(text, "the device event at the platform");
          const received = platformInbox.messages.find((message) => message.text === text);
          assert.equal(received?.topic, `yunxi/v1/devices/${deviceId}/up/events`);
          await closeQuietly(device);
        });

        it("delivers a platform down-publish to the device", { timeout: TEST_TIMEOUT_MS }, async () => {
          const deviceId = newDeviceId();
          const secret = newSecret();
          await register(deviceId, secret);
          const device = await connectDevice(deviceId, secret, version);
          const inbox = deviceInbox(device);
          await device.subscribeAsync(`yunxi/v1/devices/${deviceId}/down/#`, { qos: 1 });
          const text = `command-${deviceId}`;
          await platform.publish(`yunxi/v1/devices/${deviceId}/down/commands`, text, { qos: 1 });
          await inbox.waitFor(text, "the command at the device");
          assert.equal(inbox.messages[0]?.topic, `yunxi/v1/devices/${deviceId}/down/commands`);
          await closeQuietly(device);
        });

        it("refuses a wrong secret, an unknown device and a borrowed client id", { timeout: TEST_TIMEOUT_MS }, async () => {
          const deviceId = newDeviceId();
          const otherId = newDeviceId();
          const secret = newSecret();
          await register(deviceId, secret);
          await register(otherId, newSecret());
          await assertRefused(connectDevice(deviceId, newSecret(), version), "wrong secret");
          await assertRefused(connectDevice(newDeviceId(), secret, version), "unknown device");
          // Taking another device's client id would let a device kick that device's session.
          await assertRefused(connectDevice(deviceId, secret, version, { clientId: otherId }), "another device's client id");
          const device = await connectDevice(deviceId, secret, version);
          assert.ok(device.connected);
          await closeQuietly(device);
        });

        it("stops a device publishing to another device's or its own down topics", { timeout: TEST_TIMEOUT_MS }, async () => {
          const idA = newDeviceId();
          const idB = newDeviceId();
          const secretA = newSecret();
          const secretB = newSecret();
          await register(idA, secretA);
          await register(idB, secretB);
          const deviceB = await connectDevice(idB, secretB, version);
          const inboxB = deviceInbox(deviceB);
          await deviceB.subscribeAsync(`yunxi/v1/devices/${idB}/down/#`, { qos: 1 });

          const forbidden = [
            `yunxi/v1/devices/${idB}/up/events`,
            `yunxi/v1/devices/${idB}/down/commands`,
            `yunxi/v1/devices/${idA}/down/commands`,
            `yunxi/v1/other`,
          ];
          for (const topic of forbidden) {
            const deviceA = await connectDevice(idA, secretA, version);
            const forged = `forged-${topic}`;
            const outcome = await within(
              Promise.race([
                deviceA.publishAsync(topic, forged, { qos: 1 }).then(
                  () => "acknowledged",
                  () => "rejected",
                ),
                closedWithin(deviceA, WAIT_MS).then((closed) => (closed ? "disconnected" : "no answer")),
              ]),
              WAIT_MS * 2,
              `the broker's answer to a forbidden publish to ${topic}`,
            );
            assert.notEqual(outcome, "no answer", `the broker neither acknowledged nor refused a publish to ${topic}`);
            // MQTT 5 can say no (PUBACK 0x87); 3.1.1 cannot, so the broker drops it silently or disconnects.
            if (version === 5) assert.notEqual(outcome, "acknowledged", `MQTT 5 publish to ${topic} was acknowledged as delivered`);
            await closeQuietly(deviceA);

            // Markers sent after the forged message: once they arrive, the forged one would have too.
            const deviceA2 = await connectDevice(idA, secretA, version);
            const marker = `marker-${topic}`;
            await deviceA2.publishAsync(`yunxi/v1/devices/${idA}/up/events`, marker, { qos: 1 });
            await platformInbox.waitFor(marker, "the marker after a forbidden publish");
            await platform.publish(`yunxi/v1/devices/${idB}/down/marker`, marker, { qos: 1 });
            await inboxB.waitFor(marker, "the marker at device B");
            assert.ok(!platformInbox.texts().includes(forged), `forged message on ${topic} reached the platform`);
            assert.ok(!inboxB.texts().includes(forged), `forged message on ${topic} reached device B`);
            await closeQuietly(deviceA2);
          }
          await closeQuietly(deviceB);
        });

        it("does not publish a will aimed at another device's topics", { timeout: TEST_TIMEOUT_MS }, async () => {
          const idA = newDeviceId();
          const idB = newDeviceId();
          const secretA = newSecret();
          await register(idA, secretA);
          await register(idB, newSecret());
          const forged = `forged-will-${idA}`;
          const legit = `own-will-${idA}`;
          // A broker may refuse such a CONNECT or (aedes, Mosquitto 2.0) accept it and drop the will when it
          // fires; either way the forged will must not arrive.
          const withForgedWill = await connectDevice(idA, secretA, version, {
            will: { topic: `yunxi/v1/devices/${idB}/up/events`, payload: Buffer.from(forged), qos: 1, retain: false },
          }).catch(() => undefined);
          if (withForgedWill) {
            const closed = closedWithin(withForgedWill, WAIT_MS);
            withForgedWill.stream.destroy();
            assert.ok(await closed);
          }
          // The control: a will on the device's own topic, fired after the first, does arrive.
          const withOwnWill = await connectDevice(idA, secretA, version, {
            will: { topic: `yunxi/v1/devices/${idA}/up/events`, payload: Buffer.from(legit), qos: 1, retain: false },
          });
          const closed = closedWithin(withOwnWill, WAIT_MS);
          withOwnWill.stream.destroy();
          assert.ok(await closed);
          await platformInbox.waitFor(legit, "the device's own will at the platform");
          assert.ok(!platformInbox.texts().includes(forged), "a will on another device's topic reached the platform");
        });

        it("stops a device subscribing to another device's topics", { timeout: TEST_TIMEOUT_MS }, async () => {
          const idA = newDeviceId();
          const idB = newDeviceId();
          const secretA = newSecret();
          await register(idA, secretA);
          await register(idB, newSecret());
          const deviceA = await connectDevice(idA, secretA, version);
          const inboxA = deviceInbox(deviceA);
          for (const filter of [
            `yunxi/v1/devices/${idB}/down/#`,
            `yunxi/v1/devices/${idB}/up/#`,
            `yunxi/v1/devices/+/down/#`,
            `yunxi/v1/#`,
            `#`,
            `yunxi/v1/devices/${idA}/up/#`,
          ]) {
            await assert.rejects(
              within(deviceA.subscribeAsync(filter, { qos: 1 }), WAIT_MS, `SUBACK for ${filter}`),
              (error) => refusedSubscribeCode(error) !== undefined,
              `subscription to ${filter} was granted`,
            );
            assert.ok(deviceA.connected, `refusing ${filter} should not cost the device its connection`);
          }
          await deviceA.subscribeAsync(`yunxi/v1/devices/${idA}/down/#`, { qos: 1 });
          const forB = `for-${idB}`;
          const forA = `for-${idA}`;
          await platform.publish(`yunxi/v1/devices/${idB}/down/commands`, forB, { qos: 1 });
          await platform.publish(`yunxi/v1/devices/${idB}/up/events`, forB, { qos: 1 });
          await platform.publish(`yunxi/v1/devices/${idA}/down/commands`, forA, { qos: 1 });
          await inboxA.waitFor(forA, "device A's own command");
          assert.deepEqual(inboxA.texts(), [forA]);
          await closeQuietly(deviceA);
        });

        it("disconnects a revoked device and refuses it afterwards", { timeout: TEST_TIMEOUT_MS }, async () => {
          const deviceId = newDeviceId();
          const secret = newSecret();
          await register(deviceId, secret);
          const device = await connectDevice(deviceId, secret, version);
          await broker.revokeDevice(deviceId);
          assert.ok(await closedWithin(device, WAIT_MS), "the revoked device's session stayed connected");
          await assertRefused(connectDevice(deviceId, secret, version), "revoked device");
          await assert.rejects(broker.revokeDevice(deviceId), (error) => isYunxiError(error, "NotFound"));
          // Registering again is how a revoked device comes back.
          await register(deviceId, secret);
          await closeQuietly(await connectDevice(deviceId, secret, version));
        });

        it("rotating the secret invalidates the old one", { timeout: TEST_TIMEOUT_MS }, async () => {
          const deviceId = newDeviceId();
          const oldSecret = newSecret();
          const newSecretValue = newSecret();
          await register(deviceId, oldSecret);
          const device = await connectDevice(deviceId, oldSecret, version);
          await register(deviceId, newSecretValue);
          assert.ok(await closedWithin(device, WAIT_MS), "the session opened with the old secret stayed connected");
          await assertRefused(connectDevice(deviceId, oldSecret, version), "old secret after rotation");
          const rotated = await connectDevice(deviceId, newSecretValue, version);
          assert.ok(rotated.connected);
          await closeQuietly(rotated);
        });

        it("keeps a QoS 1 command for an offline device with a persistent session", { timeout: TEST_TIMEOUT_MS }, async () => {
          const deviceId = newDeviceId();
          const secret = newSecret();
          await register(deviceId, secret);
          const first = await connectDevice(deviceId, secret, version, { clean: false });
          await first.subscribeAsync(`yunxi/v1/devices/${deviceId}/down/#`, { qos: 1 });
          await within(first.endAsync(), WAIT_MS, "graceful disconnect");
          openClients.delete(first);

          const text = `offline-${deviceId}`;
          await platform.publish(`yunxi/v1/devices/${deviceId}/down/commands`, text, { qos: 1 });

          // The session's subscription delivers it; the device does not subscribe again.
          const inbox = new Inbox();
          const second = await connectDevice(deviceId, secret, version, { clean: false, inbox });
          await inbox.waitFor(text, "the command queued while offline");
          assert.equal(inbox.messages[0]?.topic, `yunxi/v1/devices/${deviceId}/down/commands`);
          await closeQuietly(second);
          // A clean connection discards the stored session so the broker keeps nothing from this run.
          await closeQuietly(await connectDevice(deviceId, secret, version, { clean: true }));
        });
      });
    }
  });
}
