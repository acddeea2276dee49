import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import {
  applyMigrations,
  createRootLogger,
  decodeEvent,
  EmbeddedPostgres,
  InProcessEventBus,
  type Caller,
  type DeliveredMessage,
  type DeviceBroker,
  type Permission, createDeviceUploadTokens } from "@yunxi/platform";
import { SealSimulator } from "@yunxi/seal-sim";
import { Ed25519CommandSigner } from "./adapters/crypto/ed25519-command-signer.js";
import { MIGRATIONS_DIR } from "./adapters/db/test-database.js";
import { DEVICE_CONTROL_TOPICS, deviceControlEventType } from "./adapters/events/device-control-events.js";
import { startDeviceControl, type DeviceControlRuntime } from "./module.js";

export interface LoopBroker {
  readonly broker: DeviceBroker;
  /** MQTT version the simulated devices speak on this broker. */
  readonly protocolVersion: 4 | 5;
  close(): Promise<void>;
}

/** Shared with media in a real installation (both derive it from the signing secret). */
const uploadTokens = createDeviceUploadTokens("device-loop-test-signing-secret-32-chars");
const logger = createRootLogger({ level: "warn" });

export function callerOf(organisationId: string, permissions: readonly Permission[]): Caller {
  return {
    principal: { subject: "user-admin", organisationId, roles: [], expiresAt: new Date(Date.now() + 3_600_000), claims: {} },
    userId: "user-admin",
    organisationId,
    permissions: new Set(permissions),
    requestId: randomUUID(),
  };
}

/**
 * The device loop over a real MQTT broker with the simulator speaking the real protocol: provision →
 * authorise → stamp → records, offline/restart of the device, and a restart of the platform side over
 * the same embedded database. `openBroker` gives the broker; it is opened again for the platform restart
 * (same credentials), as a process restart would.
 */
export function deviceLoopContract(label: string, openBroker: () => Promise<LoopBroker>): void {
  describe(`device loop with seal-sim: ${label}`, { timeout: 240_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), "yunxi-device-loop-"));
    const signer = Ed25519CommandSigner.generate();
    const organisationId = `org-${randomUUID()}`;
    const admin = callerOf(organisationId, ["device.manage", "records.read"]);
    let embedded: EmbeddedPostgres;
    let bus: InProcessEventBus;
    let loop: LoopBroker;
    let runtime: DeviceControlRuntime;
    const published: DeliveredMessage[] = [];
    const simulators: SealSimulator[] = [];
    const devices: string[] = [];

    const openPlatform = async () => {
      embedded = await EmbeddedPostgres.open({ dataDir: join(dir, "platform") });
      const db = await embedded.database("device_control");
      await applyMigrations(db, MIGRATIONS_DIR, { schema: "device_control" });
      loop = await openBroker();
      runtime = await startDeviceControl({ db, bus, broker: loop.broker, signer, logger, uploadTokens, mqttClientId: `dc-test-${randomUUID().slice(0, 8)}` });
    };
    const closePlatform = async () => {
      await runtime.stop();
      await loop.close();
      await embedded.close();
    };

    const provision = async (serial: string) => {
      const provisioned = await runtime.service.createDevice(admin, { serial: `${serial}-${randomUUID().slice(0, 6)}`, model: "YX-S1" });
      devices.push(provisioned.device.id);
      return provisioned;
    };
    const simulate = async (provisioned: { device: { id: string }; secret: string }, stateFile: string, brokerUrl = loop.broker.brokerUrl) => {
      const sim = await SealSimulator.start({
        brokerUrl,
        deviceId: provisioned.device.id,
        secret: provisioned.secret,
        platformKey: signer.key.publicKeyPem,
        stateFile,
        protocolVersion: loop.protocolVersion,
        resendIntervalMs: 500,
      });
      simulators.push(sim);
      return sim;
    };
    const records = (deviceId: string) => runtime.service.listRecords(admin, deviceId);
    const waitForRecords = async (deviceId: string, predicate: (r: Awaited<ReturnType<typeof records>>) => boolean, what: string) => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const current = await records(deviceId);
        if (predicate(current)) return current;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(current, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    before(async () => {
      bus = InProcessEventBus.inMemory({ logger });
      await bus.subscribe({ groupId: "loop-test", topics: Object.values(DEVICE_CONTROL_TOPICS), handle: async (m) => void published.push(m) });
      await openPlatform();
    });
    after(async () => {
      for (const sim of simulators) await sim.stop().catch(() => undefined);
      for (const id of devices) await runtime?.service.revokeDevice(admin, id).catch(() => undefined);
      await closePlatform().catch(() => undefined);
      await bus?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("provision → authorise 3 → 3 stamps → 3 records and Locked; a 4th press is refused and raises an alarm", async () => {
      const provisioned = await provision("loop");
      assert.ok(provisioned.secret.length >= 32);
      const sim = await simulate(provisioned, join(dir, "sim-loop.json"));
      const first = sim.press();
      assert.equal(first.accepted, false, "the device does not unlock before an authorisation");

      const authorisation = await runtime.service.issueAuthorisationAs(admin, { deviceId: provisioned.device.id, applicationId: "app-42", userId: "user-7", impressions: 3, ttlSeconds: 600 });
      await sim.waitFor((s) => s.state.authorisation?.remaining === 3, 15_000, "the authorisation");
      // The signed Authorise carries the photo upload capability for exactly this device, organisation and application.
      const grant = await uploadTokens.verify(sim.state.authorisation?.uploadToken ?? "");
      assert.deepEqual([grant.deviceId, grant.organisationId, grant.applicationId, grant.authorisationId], [provisioned.device.id, admin.organisationId, "app-42", authorisation.id]);
      assert.ok(grant.expiresAt.getTime() > authorisation.expiresAt.getTime(), "photos taken offline can still be uploaded after the authorisation ends");
      for (let i = 0; i < 3; i++) assert.equal(sim.press().accepted, true);
      assert.equal(sim.state.locked, true);
      assert.equal(sim.press().accepted, false, "the 4th press is refused by the device");
      await sim.waitFor((s) => s.state.queue.length === 0, 15_000, "all events acknowledged");

      const stored = await records(provisioned.device.id);
      const impressions = stored.events.filter((e) => e.kind === "impression");
      assert.equal(impressions.filter((e) => e.authorised).length, 3);
      assert.ok(impressions.every((e) => e.authorised === (e.authorisationId === authorisation.id)));
      assert.deepEqual(stored.events.filter((e) => e.kind === "locked").map((e) => e.lockReason), ["count_used_up"]);
      assert.equal(stored.events.filter((e) => e.kind === "alarm" && e.alarmKind === "unauthorised_attempt").length, 2);
      assert.deepEqual(stored.events.map((e) => e.sequence), [1n, 2n, 3n, 4n, 5n, 6n]);
      assert.deepEqual(stored.gaps, []);
      const view = await runtime.service.getDevice(admin, provisioned.device.id);
      assert.equal(view.locked, true);
      assert.equal((await runtime.service.issueAuthorisationAs(admin, { deviceId: provisioned.device.id, applicationId: "a", userId: "u", impressions: 1, ttlSeconds: 60 })).commandStatus, "pending");

      runtime.relay.nudge();
      const deadline = Date.now() + 10_000;
      const mine = () => published.filter((m) => m.key === provisioned.device.id);
      while (mine().filter((m) => m.topic === DEVICE_CONTROL_TOPICS.deviceLocked).length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const recorded = mine().filter((m) => m.topic === DEVICE_CONTROL_TOPICS.impressionRecorded).map((m) => decodeEvent(m, deviceControlEventType("ImpressionRecorded")).payload);
      assert.equal(recorded.length, 3);
      assert.deepEqual(recorded.map((p) => p["applicationId"]), ["app-42", "app-42", "app-42"]);
      assert.equal(mine().filter((m) => m.topic === DEVICE_CONTROL_TOPICS.deviceLocked).length, 1);
    });

    it("an impression without a valid authorisation is stored once and raises unauthorised_attempt", async () => {
      const provisioned = await provision("forced");
      const sim = await simulate(provisioned, join(dir, "sim-forced.json"));
      sim.forcedImpression("forced.jpg");
      await sim.waitFor((s) => s.state.queue.length === 0, 15_000, "the ack");
      const stored = await records(provisioned.device.id);
      assert.deepEqual(stored.events.map((e) => [e.kind, e.authorised]), [["impression", false]]);
      assert.equal(stored.events[0]?.detail, "no authorisation");
    });

    it("a device that stamps offline and restarts (even replaying acknowledged events) loses and doubles nothing", async () => {
      const provisioned = await provision("offline");
      const stateFile = join(dir, "sim-offline.json");
      const sim = await simulate(provisioned, stateFile);
      await runtime.service.issueAuthorisationAs(admin, { deviceId: provisioned.device.id, applicationId: "app-off", userId: "u-off", impressions: 4, ttlSeconds: 600 });
      await sim.waitFor((s) => s.state.authorisation?.remaining === 4, 15_000, "the authorisation");
      await sim.offline();
      sim.press();
      sim.press();
      // A copy of the device's memory from before any ack: as if it lost power before saving the acks.
      copyFileSync(stateFile, `${stateFile}.before-acks`);
      await sim.stop();

      const restarted = await simulate(provisioned, stateFile);
      await restarted.waitFor((s) => s.state.queue.length === 0, 15_000, "acks after reconnect");
      await restarted.stop();
      copyFileSync(`${stateFile}.before-acks`, stateFile);
      const replaying = SealSimulator.offline({
        brokerUrl: loop.broker.brokerUrl,
        deviceId: provisioned.device.id,
        secret: provisioned.secret,
        platformKey: signer.key.publicKeyPem,
        stateFile,
        protocolVersion: loop.protocolVersion,
        resendIntervalMs: 500,
      });
      simulators.push(replaying);
      assert.equal(replaying.state.queue.length, 2, "the device believes both events are still unacknowledged");
      await replaying.online();
      await replaying.waitFor((s) => s.state.queue.length === 0, 15_000, "duplicates acknowledged");
      replaying.press();
      replaying.press();
      await replaying.waitFor((s) => s.state.queue.length === 0 && s.state.locked, 15_000, "the rest acknowledged");

      const stored = await waitForRecords(provisioned.device.id, (r) => r.events.length === 5, "5 events");
      assert.deepEqual(stored.events.map((e) => [Number(e.sequence), e.kind]), [[1, "impression"], [2, "impression"], [3, "impression"], [4, "impression"], [5, "locked"]]);
      assert.ok(stored.events.filter((e) => e.kind === "impression").every((e) => e.authorised));
      const recorded = () => published.filter((m) => m.key === provisioned.device.id && m.topic === DEVICE_CONTROL_TOPICS.impressionRecorded).length;
      runtime.relay.nudge();
      const deadline = Date.now() + 10_000;
      while (recorded() < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      runtime.relay.nudge();
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(recorded(), 4, "each impression announced exactly once");
    });

    it("a command not acknowledged before a platform restart is re-sent after it, when the device says hello", async () => {
      const provisioned = await provision("restart");
      const stateFile = join(dir, "sim-restart.json");
      const sim = await simulate(provisioned, stateFile);
      await sim.stop();
      const authorisation = await runtime.service.issueAuthorisationAs(admin, { deviceId: provisioned.device.id, applicationId: "app-r", userId: "u-r", impressions: 2, ttlSeconds: 600 });
      assert.equal(authorisation.commandStatus, "pending");

      await closePlatform();
      await openPlatform();

      const back = await simulate(provisioned, stateFile);
      await back.waitFor((s) => s.state.authorisation?.id === authorisation.id, 20_000, "the re-sent authorisation");
      assert.equal(back.state.authorisation?.remaining, 2);
      const deadline = Date.now() + 10_000;
      let status = "";
      while (Date.now() < deadline) {
        const current = await runtime.service.listDevices(admin);
        assert.ok(current.some((d) => d.id === provisioned.device.id));
        const view = await runtime.service.getDevice(admin, provisioned.device.id);
        if (!view.locked) {
          status = "unlocked";
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(status, "unlocked", "the device's ack of the re-sent command reached the restarted platform");
    });
  });
}
