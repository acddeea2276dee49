import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import {
  AedesDeviceBroker,
  createRootLogger,
  MemoryDeviceCredentialStore,
  TOPIC_ROOT,
  type DeviceBroker,
  type DeviceBrokerMessageHandler,
  type PlatformClientOptions,
  type PlatformMqttClient,
} from "@yunxi/platform";
import { eventually } from "@yunxi/platform/testing";
import mqtt, { type MqttClient } from "mqtt";
import type { DeviceControl } from "../../app/device-control-service.js";
import type { DeviceEventInput } from "../../domain/device-events.js";
import { deviceProtocolTypes } from "../protocol/device-protocol.js";
import { deviceLinkOptions } from "../../module.js";
import { MqttDeviceLink } from "./mqtt-device-link.js";

const logger = createRootLogger({ level: "error" });
const DEVICES = 10;
const EVENTS_PER_DEVICE = 40;
// Devices re-send what is not acknowledged, as real ones (and seal-sim) do; faster here to keep the test short.
const RESEND_MS = 1000;
const BURST_BOUND_MS = 90_000;
const EVENT_COST_MS = 2;

function eventBytes(sequence: number): Uint8Array {
  const { DeviceEvent: type } = deviceProtocolTypes();
  return type
    .encode(type.fromObject({ sequence: String(sequence), deviceTimeMs: String(Date.now()), impression: { authorisationId: "a", applicationId: "b", userId: "u", photoRef: "p" } }))
    .finish();
}

/** What one platform connection did: how it was opened, whether it subscribed, how many messages it published. */
interface ConnectionLog {
  readonly options: PlatformClientOptions;
  subscribed: boolean;
  published: number;
}

/** The broker as device-control sees it, recording what each platform connection does. */
function recordingBroker(broker: DeviceBroker, log: ConnectionLog[]): DeviceBroker {
  return {
    brokerUrl: broker.brokerUrl,
    sessionsSurviveRestart: broker.sessionsSurviveRestart,
    registerDevice: (id, secret) => broker.registerDevice(id, secret),
    revokeDevice: (id) => broker.revokeDevice(id),
    close: () => broker.close(),
    async connectPlatformClient(options) {
      const client = await broker.connectPlatformClient(options);
      const entry: ConnectionLog = { options, subscribed: false, published: 0 };
      log.push(entry);
      const recorded: PlatformMqttClient = {
        mqttClientId: client.mqttClientId,
        publish: (topic, payload, publishOptions) => {
          entry.published++;
          return client.publish(topic, payload, publishOptions);
        },
        subscribe: (filter, handler) => {
          entry.subscribed = true;
          return client.subscribe(filter, handler);
        },
        close: () => client.close(),
      };
      return recorded;
    },
  };
}

interface SimDevice {
  readonly id: string;
  readonly client: MqttClient;
  readonly unacked: Set<number>;
}

/**
 * The burst that killed the embedded all-in-one at ~1000 seals (docs/benchmarks.md): every device publishes
 * at once and re-sends whatever is not acknowledged. Each stored event costs the platform a little time, as a
 * database transaction does, so a backlog builds in the broker while device-control works through it.
 */
describe("MqttDeviceLink under a burst on the embedded broker", { timeout: BURST_BOUND_MS + 60_000 }, () => {
  let broker: AedesDeviceBroker;
  let link: MqttDeviceLink;
  const devices: SimDevice[] = [];
  const stored = new Map<string, number>();
  let handledEvents = 0;
  let database = Promise.resolve();
  const connections: ConnectionLog[] = [];

  before(async () => {
    broker = await AedesDeviceBroker.start({ host: "127.0.0.1", port: 0, credentials: new MemoryDeviceCredentialStore(), logger });
    // Set up as the module sets it up on the embedded broker.
    link = new MqttDeviceLink(recordingBroker(broker, connections), logger, deviceLinkOptions(broker, `dc-burst-${randomBytes(4).toString("hex")}`));
    await link.connect();
    const service = {
      deviceHello: async () => 0,
      commandAcknowledged: async () => false,
      async deviceEvent(deviceId: string, event: DeviceEventInput) {
        handledEvents++;
        // One transaction at a time, each holding the thread, as PGlite (PostgreSQL in WASM) does.
        const previous = database;
        let release = () => {};
        database = new Promise<void>((resolve) => (release = resolve));
        await previous;
        const busyUntil = Date.now() + EVENT_COST_MS;
        while (Date.now() < busyUntil);
        release();
        const key = `${deviceId}#${event.sequence}`;
        stored.set(key, (stored.get(key) ?? 0) + 1);
        await link.acknowledgeEvents(deviceId, [event.sequence]);
        return undefined;
      },
    } as Partial<DeviceControl> as DeviceControl;
    await link.listen(service);
    for (let d = 0; d < DEVICES; d++) {
      const id = `dev-burst-${d}-${randomBytes(3).toString("hex")}`;
      const secret = randomBytes(24).toString("base64url");
      await broker.registerDevice(id, secret);
      const client = await mqtt.connectAsync(broker.brokerUrl, { clientId: id, username: id, password: secret, protocolVersion: 4, clean: false, reconnectPeriod: 200 });
      const device: SimDevice = { id, client, unacked: new Set() };
      client.on("message", (_topic, payload) => {
        const ack = deviceProtocolTypes().EventAck.toObject(deviceProtocolTypes().EventAck.decode(payload), { longs: String }) as { sequences?: string[] };
        for (const sequence of ack.sequences ?? []) device.unacked.delete(Number(sequence));
      });
      await client.subscribeAsync(`${TOPIC_ROOT}/devices/${id}/down/#`, { qos: 1 });
      devices.push(device);
    }
  });

  after(async () => {
    await Promise.allSettled(devices.map((device) => device.client.endAsync(true)));
    await link?.close();
    await broker?.close();
  });

  it("gets every event of the burst to device-control and acknowledged, with every device still connected", async () => {
    const publishUnacked = (device: SimDevice) => {
      for (const sequence of device.unacked) device.client.publish(`${TOPIC_ROOT}/devices/${device.id}/up/events`, Buffer.from(eventBytes(sequence)), { qos: 1 });
    };
    for (const device of devices) {
      for (let s = 1; s <= EVENTS_PER_DEVICE; s++) device.unacked.add(s);
      publishUnacked(device);
    }
    const resend = setInterval(() => devices.forEach(publishUnacked), RESEND_MS);
    const deadline = Date.now() + BURST_BOUND_MS;
    try {
      while (devices.some((device) => device.unacked.size > 0) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      clearInterval(resend);
    }
    const missing = devices.reduce((sum, device) => sum + device.unacked.size, 0);
    assert.equal(missing, 0, `${missing} of ${DEVICES * EVENTS_PER_DEVICE} events still unacknowledged after ${BURST_BOUND_MS} ms (${handledEvents} handled)`);
    assert.equal(stored.size, DEVICES * EVENTS_PER_DEVICE, "every event reached the service");
    assert.ok(devices.every((device) => device.client.connected), "no device lost its connection");
    await link.flushAcks();
    // The connection that receives the fleet's traffic must never publish: the embedded broker reads its
    // acknowledgements only after those publishes got through its queue, which a burst makes very long.
    const receiving = connections.filter((connection) => connection.subscribed);
    assert.equal(receiving.length, 1);
    assert.equal(receiving[0]?.published, 0, "the receiving connection published");
    assert.equal(receiving[0]?.options.persistentSession, false, "the embedded broker's receiving session is clean");
    const publishing = connections.filter((connection) => !connection.subscribed);
    assert.ok(publishing.reduce((sum, connection) => sum + connection.published, 0) >= DEVICES, "acks went out on the publishing connection");
  });
});

/** A broker stand-in: hands out recorded platform clients; tests drive the subscription handler directly. */
function fakeBroker() {
  const clients: { id: string; persistent: boolean; handler?: DeviceBrokerMessageHandler; published: { topic: string; payload: Uint8Array }[]; gate?: Promise<void> }[] = [];
  const broker: DeviceBroker = {
    brokerUrl: "mqtt://fake",
    sessionsSurviveRestart: true,
    registerDevice: async () => undefined,
    revokeDevice: async () => undefined,
    close: async () => undefined,
    async connectPlatformClient(options) {
      const entry: (typeof clients)[number] = { id: options.clientId, persistent: options.persistentSession === true, published: [] };
      clients.push(entry);
      return {
        mqttClientId: `platform.${options.clientId}`,
        async publish(topic, payload) {
          entry.published.push({ topic, payload: typeof payload === "string" ? Buffer.from(payload) : payload });
          await entry.gate;
        },
        async subscribe(_filter, handler) {
          entry.handler = handler;
          return { unsubscribe: async () => undefined };
        },
        close: async () => undefined,
      };
    },
  };
  return { broker, clients };
}

const ackedSequences = (payload: Uint8Array): string[] =>
  (deviceProtocolTypes().EventAck.toObject(deviceProtocolTypes().EventAck.decode(payload), { longs: String }) as { sequences?: string[] }).sequences ?? [];

describe("MqttDeviceLink", () => {
  it("handles a re-sent event waiting for its turn once, coalesces a device's acks, and receives on a connection that never publishes", async () => {
    const { broker, clients } = fakeBroker();
    const link = new MqttDeviceLink(broker, logger, { clientId: "dc-unit", persistentSession: true });
    await link.connect();
    const handled: string[] = [];
    let started!: () => void;
    const firstStarted = new Promise<void>((resolve) => (started = resolve));
    let releaseFirst!: () => void;
    const firstBlocked = new Promise<void>((resolve) => (releaseFirst = resolve));
    const service = {
      deviceHello: async () => 0,
      commandAcknowledged: async () => false,
      async deviceEvent(deviceId: string, event: DeviceEventInput) {
        handled.push(`${deviceId}#${event.sequence}`);
        if (handled.length === 1) {
          started();
          await firstBlocked;
        }
        await link.acknowledgeEvents(deviceId, [event.sequence]);
        return undefined;
      },
    } as Partial<DeviceControl> as DeviceControl;
    await link.listen(service);
    const receiver = clients.find((client) => client.handler);
    const publisher = clients.find((client) => !client.handler);
    assert.ok(receiver?.handler && publisher, "one receiving and one publishing connection");
    assert.equal(receiver.id, "dc-unit");
    assert.equal(receiver.persistent, true);
    assert.equal(publisher.id, "dc-unit-out");
    const deliver = (sequence: number) =>
      receiver.handler?.({ topic: `${TOPIC_ROOT}/devices/dev-a/up/events`, payload: eventBytes(sequence), qos: 1, retain: false });

    await deliver(1);
    await firstStarted;
    // While event 1 is being handled: five more copies of it and three of event 2 arrive.
    for (let i = 0; i < 5; i++) await deliver(1);
    for (let i = 0; i < 3; i++) await deliver(2);
    // Hold the first ack publish, so the acks stored meanwhile must share the next one.
    let openGate!: () => void;
    publisher.gate = new Promise<void>((resolve) => (openGate = resolve));
    releaseFirst();
    await eventually("the waiting copy of 1 and event 2 handled", () => (handled.length >= 3 ? true : undefined));
    openGate();
    await link.flushAcks();
    await link.close();

    // The copy of 1 that arrived while 1 was handled is handled again (the first might have failed); the rest waited behind it.
    assert.deepEqual(handled, ["dev-a#1", "dev-a#1", "dev-a#2"]);
    assert.deepEqual(receiver.published, [], "the receiving connection never publishes");
    assert.deepEqual(publisher.published.map((p) => [p.topic, ackedSequences(p.payload)]), [
      [`${TOPIC_ROOT}/devices/dev-a/down/acks`, ["1"]],
      [`${TOPIC_ROOT}/devices/dev-a/down/acks`, ["1", "2"]],
    ]);
  });
});
