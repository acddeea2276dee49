import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { isYunxiError, type SqlDatabase } from "@yunxi/platform";
import type { Authorisation } from "../../domain/authorisation.js";
import type { StoredCommand } from "../../domain/commands.js";
import type { Device } from "../../domain/device.js";
import type { DeviceEventInput } from "../../domain/device-events.js";
import { encodeDeviceControlEvents } from "../events/device-control-events.js";
import type { PrismaClient } from "../../generated/prisma/client.js";
import { PrismaDeviceRepository } from "./prisma-device-repository.js";

export interface RepositoryFixture {
  readonly db: SqlDatabase;
  readonly prisma: PrismaClient;
  close(): Promise<void>;
}

/**
 * One suite for the device repository, run over embedded PGlite (`*.test.ts`) and real PostgreSQL
 * (`*.integration-test.ts`): exactly-once storage, gaps, authorisation counting, outbox, tenant scope.
 */
export function deviceRepositoryContract(label: string, open: () => Promise<RepositoryFixture>): void {
  describe(`PrismaDeviceRepository contract: ${label}`, { timeout: 180_000 }, () => {
    let fixture: RepositoryFixture;
    let repository: PrismaDeviceRepository;
    const T0 = new Date();

    before(async () => {
      fixture = await open();
      repository = new PrismaDeviceRepository(fixture.prisma, encodeDeviceControlEvents);
    });
    after(async () => fixture?.close());

    const newDevice = async (organisationId = `org-${randomUUID()}`): Promise<Device> =>
      repository.createDevice({ id: `dev-${randomUUID()}`, organisationId, serial: `SN-${randomBytes(4).toString("hex")}`, model: "S1", status: "active", locked: true, lastSequence: 0n, createdAt: T0 });

    const impression = (sequence: bigint, authorisationId = "", at = T0): DeviceEventInput => ({
      sequence,
      deviceTime: at,
      body: { kind: "impression", authorisationId, applicationId: "app-claimed", userId: "user-claimed", photoRef: `p/${sequence}.jpg` },
    });

    const outboxTopics = async (deviceId: string): Promise<string[]> =>
      (await fixture.db.query<{ topic: string }>("SELECT topic FROM outbox_event WHERE key = $1 ORDER BY sequence", [deviceId])).map((r) => r.topic.split(".").pop() ?? "");

    const authorisationFor = (device: Device, impressions: number, ttlMs = 3_600_000): { authorisation: Authorisation; command: StoredCommand } => {
      const commandId = randomUUID();
      const authorisation: Authorisation = {
        id: randomUUID(),
        deviceId: device.id,
        organisationId: device.organisationId,
        applicationId: "app-1",
        userId: "user-1",
        impressions,
        remaining: impressions,
        issuedAt: T0,
        expiresAt: new Date(T0.getTime() + ttlMs),
        commandId,
      };
      const command: StoredCommand = { id: commandId, deviceId: device.id, organisationId: device.organisationId, kind: "authorise", envelope: new Uint8Array([1, 2, 3]), expiresAt: authorisation.expiresAt, status: "pending" };
      return { authorisation, command };
    };

    const authorise = async (device: Device, impressions: number, ttlMs = 3_600_000): Promise<Authorisation> => {
      const { authorisation, command } = authorisationFor(device, impressions, ttlMs);
      await repository.saveAuthorisation(authorisation, command);
      return authorisation;
    };

    it("stores an authorisation for a consumed event once, even for concurrent deliveries, with its processed-event record", async () => {
      const device = await newDevice();
      const consumed = { consumerGroup: "device-control.authorisations", eventId: randomUUID() };
      // Each delivery builds its own authorisation (fresh ids), as the use case does; only one may land.
      const attempts = [authorisationFor(device, 2), authorisationFor(device, 2), authorisationFor(device, 2)];
      const saved = await Promise.all(attempts.map(({ authorisation, command }) => repository.saveAuthorisation(authorisation, command, consumed)));
      assert.deepEqual(saved.filter(Boolean).length, 1, `exactly one delivery stores: ${JSON.stringify(saved)}`);
      assert.equal(await fixture.prisma.authorisation.count({ where: { deviceId: device.id } }), 1);
      assert.equal(await fixture.prisma.deviceCommand.count({ where: { deviceId: device.id } }), 1);
      const [processed] = await fixture.db.query<{ n: bigint }>("SELECT count(*) AS n FROM processed_event WHERE consumer_group = $1 AND event_id = $2", [consumed.consumerGroup, consumed.eventId]);
      assert.equal(Number(processed?.n), 1);
      const other = authorisationFor(device, 1);
      assert.equal(await repository.saveAuthorisation(other.authorisation, other.command, { ...consumed, consumerGroup: "another-group" }), true, "another group handles the same event on its own");
    });

    it("rolls the processed-event record back with a failed authorisation insert, so a redelivery can still store it", async () => {
      const device = await newDevice();
      const consumed = { consumerGroup: "device-control.authorisations", eventId: randomUUID() };
      const first = authorisationFor(device, 1);
      await repository.saveAuthorisation(first.authorisation, first.command);
      // Same command id again: the insert fails inside the transaction that recorded the event.
      const clash = authorisationFor(device, 1);
      await assert.rejects(repository.saveAuthorisation(clash.authorisation, { ...clash.command, id: first.command.id }, consumed));
      const retry = authorisationFor(device, 1);
      assert.equal(await repository.saveAuthorisation(retry.authorisation, retry.command, consumed), true, "nothing was recorded by the failed attempt");
      assert.equal(await fixture.prisma.authorisation.count({ where: { deviceId: device.id } }), 2);
    });

    it("announces events for a consumed event once", async () => {
      const device = await newDevice();
      const consumed = { consumerGroup: "device-control.authorisations", eventId: randomUUID() };
      const alarm = { type: "alarm-raised" as const, deviceId: device.id, organisationId: device.organisationId, kind: "authorisation_refused" as const, detail: "application a-1: device not found in the organisation", sequence: 0n, occurredAt: T0 };
      const results = await Promise.all([repository.announceOnce(consumed, [alarm]), repository.announceOnce(consumed, [alarm])]);
      assert.deepEqual([...results].sort(), [false, true]);
      assert.deepEqual(await outboxTopics(device.id), ["alarm-raised"]);
    });

    it("scopes devices to their organisation and refuses a second device with the same serial", async () => {
      const device = await newDevice();
      assert.equal((await repository.getDevice(device.organisationId, device.id))?.serial, device.serial);
      assert.equal(await repository.getDevice("another-org", device.id), undefined);
      assert.deepEqual(await repository.listDevices("another-org"), []);
      await assert.rejects(
        repository.createDevice({ ...device, id: `dev-${randomUUID()}` }),
        (error: unknown) => isYunxiError(error, "AlreadyExists"),
      );
      assert.equal((await repository.listDevices(device.organisationId)).length, 1);
    });

    it("stores each (device, sequence) once: a duplicate is reported, not stored again, and announces nothing", async () => {
      const device = await newDevice();
      const first = await repository.recordEvent(device, impression(1n), T0);
      const again = await repository.recordEvent(device, impression(1n), T0);
      assert.equal(first.duplicate, false);
      assert.equal(again.duplicate, true);
      const records = await repository.listRecords(device.organisationId, device.id);
      assert.deepEqual(records.events.map((e) => e.sequence), [1n]);
      assert.deepEqual(await outboxTopics(device.id), ["impression-recorded", "alarm-raised"], "no authorisation: one record and one alarm, once");
    });

    it("records a gap when sequences skip, and shrinks it as late events arrive out of order", async () => {
      const device = await newDevice();
      await repository.recordEvent(device, impression(1n), T0);
      const skipped = await repository.recordEvent(device, impression(5n), T0);
      assert.deepEqual(skipped.gap, { from: 2n, to: 4n });
      assert.deepEqual((await repository.listRecords(device.organisationId, device.id)).gaps.map((g) => [g.from, g.to]), [[2n, 4n]]);
      await repository.recordEvent(device, impression(3n), T0);
      assert.deepEqual((await repository.listRecords(device.organisationId, device.id)).gaps.map((g) => [g.from, g.to]), [[2n, 2n], [4n, 4n]]);
      assert.equal((await repository.recordEvent(device, impression(3n), T0)).duplicate, true);
      await repository.recordEvent(device, impression(4n), T0);
      await repository.recordEvent(device, impression(2n), T0);
      const records = await repository.listRecords(device.organisationId, device.id);
      assert.deepEqual(records.gaps, []);
      assert.deepEqual(records.events.map((e) => e.sequence), [1n, 2n, 3n, 4n, 5n]);
      assert.equal((await repository.deviceById(device.id))?.lastSequence, 5n);
      assert.equal((await outboxTopics(device.id)).filter((t) => t === "sequence-gap").length, 1);
    });

    it("counts impressions against the authorisation and raises unauthorised_attempt beyond it or without one", async () => {
      const device = await newDevice();
      const authorisation = await authorise(device, 2);
      assert.equal((await repository.recordEvent(device, impression(1n, authorisation.id), T0)).authorised, true);
      assert.equal((await repository.recordEvent(device, impression(2n, authorisation.id), T0)).authorised, true);
      assert.equal((await repository.recordEvent(device, impression(3n, authorisation.id), T0)).authorised, false);
      assert.equal((await repository.recordEvent(device, impression(4n, randomUUID()), T0)).authorised, false);
      // A duplicate of an authorised impression must not consume the count again.
      await repository.recordEvent(device, impression(2n, authorisation.id), T0);
      const stored = await repository.getAuthorisation(device.organisationId, authorisation.id);
      assert.equal(stored?.remaining, 0);
      const records = await repository.listRecords(device.organisationId, device.id);
      assert.deepEqual(records.events.map((e) => e.authorised), [true, true, false, false]);
      assert.equal(records.events[0]?.applicationId, "app-1", "an authorised record carries the authorisation's application, not the device's claim");
      assert.equal(await repository.getAuthorisation("another-org", authorisation.id), undefined);
      const topics = await outboxTopics(device.id);
      assert.equal(topics.filter((t) => t === "impression-recorded").length, 4);
      assert.equal(topics.filter((t) => t === "alarm-raised").length, 2);
    });

    it("refuses an impression made after the authorisation expired (by device time)", async () => {
      const device = await newDevice();
      const authorisation = await authorise(device, 5, 1000);
      const late = await repository.recordEvent(device, impression(1n, authorisation.id, new Date(T0.getTime() + 5000)), T0);
      assert.equal(late.authorised, false);
      assert.equal((await repository.getAuthorisation(device.organisationId, authorisation.id))?.remaining, 5);
    });

    it("keeps commands pending until acknowledged or expired; an accepted authorisation unlocks, a Locked event locks", async () => {
      const device = await newDevice();
      const authorisation = await authorise(device, 1, 60_000);
      const expiring = await authorise(device, 1, 10);
      assert.deepEqual((await repository.pendingCommands(device.id, T0)).map((c) => c.id).sort(), [authorisation.commandId, expiring.commandId].sort());
      assert.ok((await repository.devicesWithPendingCommands(T0)).includes(device.id));
      assert.equal(await repository.acknowledgeCommand(device.id, authorisation.commandId, "accepted", "", T0), true);
      assert.equal(await repository.acknowledgeCommand(device.id, authorisation.commandId, "accepted", "", T0), false, "a second ack changes nothing");
      assert.equal(await repository.acknowledgeCommand("dev-other", expiring.commandId, "refused", "x", T0), false, "another device cannot ack it");
      assert.equal((await repository.deviceById(device.id))?.locked, false);
      const later = new Date(T0.getTime() + 1000);
      assert.ok((await repository.expireCommands(later)) >= 1, "the short-lived command expires (other tests' may too: the sweep is global)");
      assert.deepEqual(await repository.pendingCommands(device.id, later), []);
      assert.equal((await repository.getAuthorisation(device.organisationId, expiring.id))?.commandStatus, "expired");
      await repository.recordEvent(device, { sequence: 1n, deviceTime: T0, body: { kind: "locked", reason: "count_used_up" } }, T0);
      assert.equal((await repository.deviceById(device.id))?.locked, true);
      assert.deepEqual(await outboxTopics(device.id), ["device-locked"]);
    });

    const tamper = (sequence: bigint, detail = "case opened"): DeviceEventInput => ({ sequence, deviceTime: T0, body: { kind: "alarm", alarm: "tamper", detail } });

    it("lists an organisation's alarms newest first: device alarms, unauthorised presses and platform-raised ones, paged by cursor", async () => {
      const organisationId = `org-${randomUUID()}`;
      const device = await newDevice(organisationId);
      const other = await newDevice(organisationId);
      await repository.recordEvent(device, tamper(1n), T0);
      await repository.recordEvent(other, impression(1n), T0);
      await repository.recordEvent(device, { sequence: 2n, deviceTime: T0, body: { kind: "locked", reason: "remote" } }, T0);
      const refused = { type: "alarm-raised" as const, deviceId: other.id, organisationId, kind: "authorisation_refused" as const, detail: "application a-9: device is revoked", sequence: 0n, occurredAt: T0 };
      await repository.announceOnce({ consumerGroup: "device-control.authorisations", eventId: randomUUID() }, [refused]);
      await newDevice().then((foreign) => repository.recordEvent(foreign, tamper(1n), T0));

      const all = await repository.listAlarms(organisationId, { state: "all", limit: 10 });
      assert.deepEqual(all.alarms.map((a) => [a.deviceId, a.kind]), [[other.id, "authorisation_refused"], [other.id, "unauthorised_attempt"], [device.id, "tamper"]]);
      assert.equal(all.nextBefore, undefined, "a page holding everything has no next page");
      const first = all.alarms[2];
      assert.equal(first?.detail, "case opened");
      assert.equal(first?.sequence, 1n);
      assert.equal(first?.acknowledged, undefined);

      const page1 = await repository.listAlarms(organisationId, { state: "all", limit: 2 });
      assert.deepEqual(page1.alarms.map((a) => a.id), all.alarms.slice(0, 2).map((a) => a.id));
      assert.ok(page1.nextBefore !== undefined);
      const page2 = await repository.listAlarms(organisationId, { state: "all", limit: 2, before: page1.nextBefore });
      assert.deepEqual(page2.alarms.map((a) => a.id), [first?.id]);
      assert.equal(page2.nextBefore, undefined);
    });

    it("acknowledges an alarm once, with an outbox event in the same transaction; a second one returns the first unchanged", async () => {
      const device = await newDevice();
      await repository.recordEvent(device, tamper(1n), T0);
      const [alarm] = (await repository.listAlarms(device.organisationId, { state: "open", limit: 10 })).alarms;
      assert.ok(alarm);
      const at = new Date(T0.getTime() + 60_000);
      const [a, b] = await Promise.all([
        repository.acknowledgeAlarm(device.organisationId, alarm.id, { by: "keeper-1", at, note: "seal checked, case closed" }),
        repository.acknowledgeAlarm(device.organisationId, alarm.id, { by: "keeper-2", at: new Date(at.getTime() + 1000), note: "again" }),
      ]);
      assert.deepEqual(a?.acknowledged, b?.acknowledged, "concurrent acknowledgements agree on the one that landed");
      const again = await repository.acknowledgeAlarm(device.organisationId, alarm.id, { by: "keeper-3", at: new Date(at.getTime() + 5000), note: "late" });
      assert.deepEqual(again?.acknowledged, a?.acknowledged);
      assert.ok(["keeper-1", "keeper-2"].includes(again?.acknowledged?.by ?? ""));
      assert.deepEqual(await outboxTopics(device.id), ["alarm-raised", "alarm-acknowledged"], "announced once");

      assert.deepEqual((await repository.listAlarms(device.organisationId, { state: "open", limit: 10 })).alarms, [], "no longer open");
      assert.deepEqual((await repository.listAlarms(device.organisationId, { state: "all", limit: 10 })).alarms.map((x) => x.acknowledged?.by), [again?.acknowledged?.by]);
    });

    it("does not let another organisation see or acknowledge an alarm", async () => {
      const device = await newDevice();
      await repository.recordEvent(device, tamper(1n), T0);
      const [alarm] = (await repository.listAlarms(device.organisationId, { state: "open", limit: 10 })).alarms;
      assert.ok(alarm);
      assert.deepEqual((await repository.listAlarms(`org-${randomUUID()}`, { state: "all", limit: 10 })).alarms, []);
      assert.equal(await repository.acknowledgeAlarm("another-org", alarm.id, { by: "intruder", at: T0, note: "" }), undefined);
      assert.equal(await repository.acknowledgeAlarm(device.organisationId, randomUUID(), { by: "keeper", at: T0, note: "" }), undefined);
      assert.equal(await repository.acknowledgeAlarm(device.organisationId, "not-a-uuid", { by: "keeper", at: T0, note: "" }), undefined);
      assert.equal((await repository.listAlarms(device.organisationId, { state: "open", limit: 10 })).alarms.length, 1, "still open");
      assert.deepEqual(await outboxTopics(device.id), ["alarm-raised"]);
    });
  });
}
