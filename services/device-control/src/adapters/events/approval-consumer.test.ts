// The approval → device step over PGlite and the in-memory bus: ApplicationApproved events become one
// authorisation each, redeliveries issue nothing, and approvals naming devices the organisation does not
// hold issue nothing but raise an alarm.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import {
  AedesDeviceBroker,
  applyMigrations,
  createRootLogger,
  decodeEvent,
  EmbeddedPostgres,
  encodeEvent,
  InProcessEventBus,
  MemoryDeviceCredentialStore,
  prismaAdapterFor,
  type BusMessage,
  type Caller,
  type DeliveredMessage,
  type Permission,
  type Subscription, createDeviceUploadTokens } from "@yunxi/platform";
import { Ed25519CommandSigner } from "../crypto/ed25519-command-signer.js";
import { MIGRATIONS_DIR } from "../db/test-database.js";
import { startDeviceControl, type DeviceControlRuntime } from "../../module.js";
import { PrismaClient } from "../../generated/prisma/client.js";
import { APPLICATION_APPROVED_TOPIC, approvalHandler, applicationApprovedType, AUTHORISATIONS_GROUP } from "./approval-consumer.js";
import { DEVICE_CONTROL_TOPICS, deviceControlEventType } from "./device-control-events.js";

const logger = createRootLogger({ level: "silent" });
const TTL_SECONDS = 3600;
const WAIT_MS = 20_000;

function callerOf(organisationId: string, permissions: readonly Permission[]): Caller {
  return {
    principal: { subject: "user-admin", organisationId, roles: [], expiresAt: new Date(Date.now() + 3_600_000), claims: {} },
    userId: "user-admin",
    organisationId,
    permissions: new Set(permissions),
    requestId: randomUUID(),
  };
}

/** An ApplicationApproved bus message as approval's outbox produces it. */
function approved(organisationId: string, deviceId: string, overrides: Record<string, unknown> = {}): BusMessage {
  const applicationId = randomUUID();
  return encodeEvent({
    topic: APPLICATION_APPROVED_TOPIC,
    type: applicationApprovedType(),
    organisationId,
    aggregateId: applicationId,
    payload: {
      applicationId,
      organisationId,
      sealId: randomUUID(),
      deviceId,
      applicantUserId: "user-applicant",
      impressionCount: 2,
      approvedAt: new Date().toISOString(),
      documents: [],
      approvedBy: "user-approver",
      revision: 1,
      ...overrides,
    },
  });
}

const delivered = (message: BusMessage): DeliveredMessage => ({ ...message, position: "test" });

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("device-control consumes application-approved", { timeout: 120_000 }, () => {
  const orgA = `org-${randomUUID()}`;
  const orgB = `org-${randomUUID()}`;
  const adminA = callerOf(orgA, ["device.manage", "records.read"]);
  const adminB = callerOf(orgB, ["device.manage", "records.read"]);
  let embedded: EmbeddedPostgres;
  let broker: AedesDeviceBroker;
  let bus: InProcessEventBus;
  let runtime: DeviceControlRuntime;
  let prisma: PrismaClient;
  let alarmSubscription: Subscription;
  const alarms: DeliveredMessage[] = [];

  before(async () => {
    embedded = await EmbeddedPostgres.open();
    const db = await embedded.database("device_control");
    await applyMigrations(db, MIGRATIONS_DIR, { schema: "device_control" });
    broker = await AedesDeviceBroker.start({ host: "127.0.0.1", port: 0, credentials: new MemoryDeviceCredentialStore(), logger });
    bus = InProcessEventBus.inMemory({ logger });
    alarmSubscription = await bus.subscribe({ groupId: "test.alarms", topics: [DEVICE_CONTROL_TOPICS.alarmRaised], handle: async (m) => void alarms.push(m) });
    runtime = await startDeviceControl({
      uploadTokens: createDeviceUploadTokens("approval-consumer-test-signing-secret-32"),
      db,
      bus,
      broker,
      signer: Ed25519CommandSigner.generate(),
      logger,
      mqttClientId: `dc-test-${randomUUID().slice(0, 8)}`,
      authorisationTtlSeconds: TTL_SECONDS,
    });
    prisma = new PrismaClient({ adapter: prismaAdapterFor(db) });
  });

  after(async () => {
    await prisma?.$disconnect();
    await alarmSubscription?.close();
    await runtime?.stop();
    await bus?.close();
    await broker?.close();
    await embedded?.close();
  });

  const authorisationsOf = (applicationId: string) => prisma.authorisation.findMany({ where: { applicationId } });
  const applicationIdOf = (message: BusMessage) => message.key;
  const alarmsFor = (applicationId: string) =>
    alarms
      .map((m) => decodeEvent<{ kind: string; detail: string; organisationId: string; deviceId: string }>(m, deviceControlEventType("AlarmRaised")).payload)
      .filter((a) => a.detail.includes(applicationId));

  it("issues one signed authorisation for the applicant on the approving organisation's device, through the bus", async () => {
    const { device } = await runtime.service.createDevice(adminA, { serial: `A-${randomUUID().slice(0, 6)}`, model: "YX-S1" });
    const message = approved(orgA, device.id);
    await bus.publish([message]);
    const [authorisation] = await until("the authorisation", async () => {
      const rows = await authorisationsOf(applicationIdOf(message));
      return rows.length > 0 ? rows : undefined;
    });
    assert.ok(authorisation);
    assert.equal(authorisation.deviceId, device.id);
    assert.equal(authorisation.organisationId, orgA);
    assert.equal(authorisation.userId, "user-applicant");
    assert.equal(authorisation.impressions, 2);
    assert.equal(authorisation.remaining, 2);
    assert.equal(authorisation.expiresAt.getTime() - authorisation.issuedAt.getTime(), TTL_SECONDS * 1000, "TTL from the configuration");
    const command = await prisma.deviceCommand.findUniqueOrThrow({ where: { id: authorisation.commandId } });
    assert.equal(command.kind, "authorise");
    assert.equal(command.status, "pending", "queued until the device acknowledges");
    const processed = await prisma.processedEvent.findMany({ where: { consumerGroup: AUTHORISATIONS_GROUP, eventId: message.headers["ce_id"] ?? "" } });
    assert.equal(processed.length, 1, "the event is recorded as processed with the authorisation");
  });

  it("issues nothing twice when the same event is delivered again (bus redelivery and a direct second handling)", async () => {
    const { device } = await runtime.service.createDevice(adminA, { serial: `A-${randomUUID().slice(0, 6)}`, model: "YX-S1" });
    const message = approved(orgA, device.id);
    const handle = approvalHandler({ service: runtime.service, ttlSeconds: TTL_SECONDS, logger });
    assert.equal((await handle(delivered(message)))?.outcome, "issued");
    assert.equal((await handle(delivered(message)))?.outcome, "already-handled");
    // The subscribed consumer gets it twice more; a marker event behind it on the same key shows they were handled.
    const marker = approved(orgA, device.id, { applicationId: randomUUID() });
    await bus.publish([message, message, { ...marker, key: message.key }]);
    await until("the marker's authorisation", async () => {
      const rows = await prisma.authorisation.findMany({ where: { deviceId: device.id } });
      return rows.length >= 2 ? rows : undefined;
    });
    assert.equal((await authorisationsOf(applicationIdOf(message))).length, 1, "one authorisation for one approval");
    assert.equal(await prisma.deviceCommand.count({ where: { deviceId: device.id } }), 2, "one command per approval, none for the redeliveries");
  });

  it("refuses an approval naming another organisation's device: nothing issued, an alarm to the approving organisation, once", async () => {
    const { device: foreign } = await runtime.service.createDevice(adminB, { serial: `B-${randomUUID().slice(0, 6)}`, model: "YX-S1" });
    const message = approved(orgA, foreign.id);
    const handle = approvalHandler({ service: runtime.service, ttlSeconds: TTL_SECONDS, logger });
    const outcome = await handle(delivered(message));
    assert.deepEqual(outcome, { outcome: "refused", reason: "device not found in the organisation" });
    assert.equal((await handle(delivered(message)))?.outcome, "already-handled");
    assert.equal((await authorisationsOf(applicationIdOf(message))).length, 0);
    assert.equal(await prisma.deviceCommand.count({ where: { deviceId: foreign.id } }), 0, "nothing queued for the other tenant's device");
    const raised = await until("the alarm", async () => (alarmsFor(applicationIdOf(message)).length > 0 ? alarmsFor(applicationIdOf(message)) : undefined));
    assert.equal(raised.length, 1, "one alarm, not one per delivery");
    assert.equal(raised[0]?.kind, "authorisation_refused");
    assert.equal(raised[0]?.organisationId, orgA, "the approving organisation hears of it, not the device's owner");
    assert.equal(raised[0]?.deviceId, foreign.id);
  });

  it("refuses an unknown device and a revoked one the same way, and ignores an approval without a device", async () => {
    const handle = approvalHandler({ service: runtime.service, ttlSeconds: TTL_SECONDS, logger });
    const unknown = approved(orgA, `dev-${randomUUID()}`);
    assert.deepEqual(await handle(delivered(unknown)), { outcome: "refused", reason: "device not found in the organisation" });
    const { device } = await runtime.service.createDevice(adminA, { serial: `A-${randomUUID().slice(0, 6)}`, model: "YX-S1" });
    await runtime.service.revokeDevice(adminA, device.id);
    const revoked = approved(orgA, device.id);
    assert.deepEqual(await handle(delivered(revoked)), { outcome: "refused", reason: "device is revoked" });
    const electronic = approved(orgA, "");
    assert.equal(await handle(delivered(electronic)), undefined);
    for (const message of [unknown, revoked, electronic]) assert.equal((await authorisationsOf(applicationIdOf(message))).length, 0);
    await until("both alarms", async () => (alarmsFor(unknown.key).length === 1 && alarmsFor(revoked.key).length === 1 ? true : undefined));
  });

  it("refuses an approval with an impossible impression count instead of retrying it forever", async () => {
    const { device } = await runtime.service.createDevice(adminA, { serial: `A-${randomUUID().slice(0, 6)}`, model: "YX-S1" });
    const handle = approvalHandler({ service: runtime.service, ttlSeconds: TTL_SECONDS, logger });
    const message = approved(orgA, device.id, { impressionCount: 0 });
    const outcome = await handle(delivered(message));
    assert.equal(outcome?.outcome, "refused");
    assert.match(outcome?.outcome === "refused" ? outcome.reason : "", /impressions/);
    assert.equal(await prisma.deviceCommand.count({ where: { deviceId: device.id } }), 0);
  });

  it("refuses an approval older than the authorisation lifetime (a consumer reading old history issues nothing)", async () => {
    const { device } = await runtime.service.createDevice(adminA, { serial: `A-${randomUUID().slice(0, 6)}`, model: "YX-S1" });
    const handle = approvalHandler({ service: runtime.service, ttlSeconds: TTL_SECONDS, logger });
    const old = approved(orgA, device.id, { approvedAt: new Date(Date.now() - (TTL_SECONDS + 60) * 1000).toISOString() });
    assert.deepEqual(await handle(delivered(old)), { outcome: "refused", reason: "approval older than the authorisation lifetime" });
    const recent = approved(orgA, device.id, { approvedAt: new Date(Date.now() - (TTL_SECONDS - 60) * 1000).toISOString() });
    assert.equal((await handle(delivered(recent)))?.outcome, "issued");
    assert.equal(await prisma.deviceCommand.count({ where: { deviceId: device.id } }), 1, "only the recent approval was authorised");
  });

  it("drops an event that is not an ApplicationApproved, or whose payload names another organisation, issuing nothing", async () => {
    const { device } = await runtime.service.createDevice(adminA, { serial: `A-${randomUUID().slice(0, 6)}`, model: "YX-S1" });
    const handle = approvalHandler({ service: runtime.service, ttlSeconds: TTL_SECONDS, logger });
    const wrongType = approved(orgA, device.id);
    assert.equal(await handle(delivered({ ...wrongType, headers: { ...wrongType.headers, ce_type: "yunxi.approval.v1.ApplicationRejected" } })), undefined);
    const twoOrganisations = approved(orgB, device.id, { organisationId: orgA });
    assert.equal(await handle(delivered(twoOrganisations)), undefined);
    assert.equal(await prisma.deviceCommand.count({ where: { deviceId: device.id } }), 0);
  });
});
