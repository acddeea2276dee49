import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import {
  applyMigrations,
  createRootLogger,
  decodeEvent,
  isYunxiError,
  KafkaEventBus,
  OutboxRelay,
  PgSqlDatabase,
  principalFromClaims,
  type CallContext,
  type Subscription,
  type TokenVerifier,
} from "@yunxi/platform";
import { requireTestServer, waitFor } from "@yunxi/platform/testing";
import type { ApplicationApproved__Output } from "@yunxi/proto/generated/yunxi/approval/v1/ApplicationApproved";
import { makeApprovalService, type ApprovalService } from "../../app/approval-service.js";
import { MemoryDeviceDirectory } from "../memory/memory-device-directory.js";
import { approvalPrismaClient } from "../db/prisma-client.js";
import { MIGRATIONS_DIR } from "../db/prisma-under-test.js";
import { PrismaApprovalRepository } from "../db/prisma-approval-repository.js";
import { APPROVAL_TOPICS, approvalEventType } from "./approval-events.js";

// Tokens are their JSON claims here: token verification is tested with a real JWKS in the handler tests.
const verifier: TokenVerifier = {
  async verify(token) {
    return principalFromClaims({ exp: Math.floor(Date.now() / 1000) + 60, ...(JSON.parse(token) as Record<string, unknown>) });
  },
};
const user = (sub: string, org: string, roles: string[]): CallContext => ({ requestId: randomUUID(), bearerToken: JSON.stringify({ sub, yunxi_org: org, roles }) });

describe("approval events on real PostgreSQL and Kafka: outbox → relay → subscriber", { timeout: 180_000 }, () => {
  const logger = createRootLogger({ level: "silent" });
  const schema = `approval_test_${randomBytes(4).toString("hex")}`;
  let db: PgSqlDatabase;
  let bus: KafkaEventBus;
  let relay: OutboxRelay;
  let subscription: Subscription;
  let service: ApprovalService;
  const devices = new MemoryDeviceDirectory();
  let closePrisma: () => Promise<void>;
  const approvals: ApplicationApproved__Output[] = [];
  const decisions: { topic: string; key: string }[] = [];

  before(async () => {
    const url = await requireTestServer("postgres");
    const brokers = (await requireTestServer("kafka")).split(",");
    db = await PgSqlDatabase.open({ url, schema, maxConnections: 6, connectTimeoutMs: 5000 });
    await applyMigrations(db, MIGRATIONS_DIR, { schema, logger });
    const prisma = approvalPrismaClient(db);
    closePrisma = () => prisma.$disconnect();
    bus = new KafkaEventBus({ brokers, clientId: "approval-events-test", logger, replicationFactor: 1, sessionTimeoutMs: 10_000, retry: { initialMs: 50, maxMs: 200 } });
    // A group of its own per run that starts at the current end: earlier runs' events on the same topics stay unseen.
    subscription = await bus.subscribe({
      groupId: `approval-events-test-${randomUUID()}`,
      topics: [APPROVAL_TOPICS.ApplicationApproved, APPROVAL_TOPICS.ApplicationRejected],
      fromBeginning: false,
      handle: async (message) => {
        decisions.push({ topic: message.topic, key: message.key });
        if (message.topic === APPROVAL_TOPICS.ApplicationApproved) approvals.push(decodeEvent<ApplicationApproved__Output>(message, approvalEventType("ApplicationApproved")).payload);
      },
    });
    relay = new OutboxRelay({ db, bus, logger, pollIntervalMs: 200 });
    relay.start();
    service = makeApprovalService({ repository: new PrismaApprovalRepository(prisma, () => relay.nudge()), devices, verifier, logger });
  });

  after(async () => {
    await relay?.stop();
    await subscription?.close();
    await bus?.close();
    await closePrisma?.();
    if (db) {
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.close();
    }
  });

  it("publishes exactly one ApplicationApproved for three racing approvers, naming the device holding the seal", async () => {
    const org = randomUUID();
    devices.put(org, "dev-kafka-1");
    const admin = user("u-admin", org, ["administrator"]);
    const seal = await service.createSeal(admin, { name: "公章", physical: { sealType: "OFFICIAL", sizeMm: 42, material: "COPPER", deviceId: "" } });
    await service.bindSealDevice(admin, seal.id, "dev-kafka-1");
    const alice = user("u-alice", org, ["member"]);
    const draft = await service.createApplication(alice, {
      sealId: seal.id,
      title: "采购合同",
      description: "",
      documents: [{ objectKey: "docs/p.pdf", sha256: "d".repeat(64), contentType: "application/pdf" }],
      impressionCount: 4,
    });
    await service.submitApplication(alice, draft.id);
    const results = await Promise.allSettled(["u-bob", "u-carol", "u-dave"].map((sub, i) => service.decideApplication(user(sub, org, ["approver"]), draft.id, "APPROVED", `c${i}`)));
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
    for (const r of results) if (r.status === "rejected") assert.ok(isYunxiError(r.reason, "FailedPrecondition"), String(r.reason));

    // The outbox holds exactly one decision event for this application.
    const rows = await db.query<{ topic: string }>("SELECT topic FROM outbox_event WHERE key = $1 AND topic <> $2", [draft.id, APPROVAL_TOPICS.ApplicationSubmitted]);
    assert.deepEqual(rows.map((r) => r.topic), [APPROVAL_TOPICS.ApplicationApproved]);
    await waitFor(() => decisions.some((d) => d.key === draft.id), 60_000, "the decision event from Kafka");
    // A duplicate would have been published with the first; give it a bounded moment to arrive.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.deepEqual(decisions.filter((d) => d.key === draft.id).map((d) => d.topic), [APPROVAL_TOPICS.ApplicationApproved]);
    const [event] = approvals.filter((a) => a.applicationId === draft.id);
    assert.deepEqual(
      [event?.organisationId, event?.deviceId, event?.sealId, event?.impressionCount, event?.applicantUserId, event?.documents[0]?.sha256],
      [org, "dev-kafka-1", seal.id, 4, "u-alice", "d".repeat(64)],
    );
  });
});
