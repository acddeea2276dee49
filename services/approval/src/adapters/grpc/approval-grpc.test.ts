import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Client } from "@grpc/grpc-js";
import {
  applyMigrations,
  callUnary,
  createGrpcClient,
  decodeEvent,
  EmbeddedPostgres,
  InProcessEventBus,
  isYunxiError,
  OutboxRelay,
  type CallContext,
  type ErrorKind,
  type SqlDatabase,
  type Subscription,
} from "@yunxi/platform";
import { captureLogs, startTestGrpcServer, startTestIssuer, waitFor, type TestGrpcServer, type TestIssuer } from "@yunxi/platform/testing";
import type { Application__Output as ApplicationReply } from "@yunxi/proto/generated/yunxi/approval/v1/Application";
import type { ApplicationApproved__Output } from "@yunxi/proto/generated/yunxi/approval/v1/ApplicationApproved";
import type { Seal__Output as SealReply } from "@yunxi/proto/generated/yunxi/approval/v1/Seal";
import { makeApprovalService } from "../../app/approval-service.js";
import { approvalPrismaClient } from "../db/prisma-client.js";
import { MemoryDeviceDirectory } from "../memory/memory-device-directory.js";
import { MIGRATIONS_DIR } from "../db/prisma-under-test.js";
import { PrismaApprovalRepository } from "../db/prisma-approval-repository.js";
import { APPROVAL_TOPICS, approvalEventType } from "../events/approval-events.js";
import { approvalServiceDefinition, makeApprovalGrpc } from "./approval-grpc.js";

const failsWith = (kind: ErrorKind) => (error: unknown) => isYunxiError(error, kind);
const SHA = "0123456789abcdef".repeat(4);

describe("ApprovalService over gRPC on embedded PGlite, outbox relayed to a bus, tokens checked against a JWKS", { timeout: 180_000 }, () => {
  let embedded: EmbeddedPostgres;
  let db: SqlDatabase;
  let tokens: TestIssuer;
  let server: TestGrpcServer;
  let client: Client;
  let relay: OutboxRelay;
  let bus: InProcessEventBus;
  let subscription: Subscription;
  let closePrisma: () => Promise<void>;
  const logs = captureLogs();
  const received: { topic: string; key: string }[] = [];
  const approvals: ApplicationApproved__Output[] = [];
  const orgA = randomUUID();
  const orgB = randomUUID();
  const devices = new MemoryDeviceDirectory();
  for (const id of ["dev-100", "dev-101", "dev-200", "dev-300", "dev-400", "dev-500"]) devices.put(orgA, id);
  devices.put(orgA, "dev-retired", "revoked").put(orgB, "dev-b");

  // No organisation header, as a caller that relies on its token's scope alone; the mismatch test adds one.
  const sign = async (sub: string, org: string, roles: string[]): Promise<CallContext> => {
    const { organisationId: _scoped, ...context } = await tokens.userContext(sub, org, roles);
    return context;
  };
  const call = <Res>(method: string, request: unknown, context: CallContext) => callUnary<unknown, Res>(client, method, request, context, 15_000);
  const unpublished = async () => Number((await db.query<{ n: bigint }>("SELECT count(*) AS n FROM outbox_event WHERE published_at IS NULL"))[0]?.n ?? -1);

  before(async () => {
    tokens = await startTestIssuer();
    const logger = logs.logger;
    embedded = await EmbeddedPostgres.open();
    db = await embedded.database("approval");
    await applyMigrations(db, MIGRATIONS_DIR, { schema: "approval", logger });
    const prisma = approvalPrismaClient(db);
    closePrisma = () => prisma.$disconnect();

    bus = InProcessEventBus.inMemory({ logger });
    subscription = await bus.subscribe({
      groupId: "approval-test.observer",
      topics: Object.values(APPROVAL_TOPICS),
      handle: async (message) => {
        received.push({ topic: message.topic, key: message.key });
        if (message.topic === APPROVAL_TOPICS.ApplicationApproved) {
          approvals.push(decodeEvent<ApplicationApproved__Output>(message, approvalEventType("ApplicationApproved")).payload);
        }
      },
    });
    relay = new OutboxRelay({ db, bus, logger, pollIntervalMs: 100 });
    relay.start();

    const service = makeApprovalService({
      repository: new PrismaApprovalRepository(prisma, () => relay.nudge()),
      devices,
      verifier: tokens.verifier,
      logger,
    });
    const { service: definition } = approvalServiceDefinition();
    server = await startTestGrpcServer([{ definition, implementation: makeApprovalGrpc(service, logger) }]);
    client = createGrpcClient(definition, { address: server.address });
  });

  after(async () => {
    client?.close();
    if (server) await server.close();
    await relay?.stop();
    await subscription?.close();
    await bus?.close();
    await closePrisma?.();
    await embedded?.close();
    await tokens?.close();
  });

  const registerBoundSeal = async (admin: CallContext, deviceId: string) => {
    const seal = await call<SealReply>("CreateSeal", { name: "合同专用章", physical: { sealType: "CONTRACT", sizeMm: 40, material: "PHOTOSENSITIVE" } }, admin);
    return call<SealReply>("BindSealDevice", { sealId: seal.id, deviceId }, admin);
  };
  const fileAndSubmit = async (applicant: CallContext, sealId: string, impressionCount = 3) => {
    const draft = await call<ApplicationReply>(
      "CreateApplication",
      { sealId, title: "采购合同", description: "两页", documents: [{ objectKey: "org/a/contract.pdf", sha256: SHA, contentType: "application/pdf" }], impressionCount },
      applicant,
    );
    assert.equal(draft.state, "DRAFT");
    return call<ApplicationReply>("SubmitApplication", { id: draft.id }, applicant);
  };

  it("registers and binds seals: one seal per device, rebinding announced as unbound + bound", async () => {
    const admin = await sign("u-admin", orgA, ["administrator"]);
    const seal = await registerBoundSeal(admin, "dev-100");
    assert.deepEqual([seal.details, seal.physical?.deviceId, seal.version], ["physical", "dev-100", 2]);
    const second = await call<SealReply>("CreateSeal", { name: "财务专用章", physical: { sealType: "FINANCE", sizeMm: 38, material: "RUBBER" } }, admin);
    await assert.rejects(call("BindSealDevice", { sealId: second.id, deviceId: "dev-100" }, admin), failsWith("AlreadyExists"));
    const rebound = await call<SealReply>("BindSealDevice", { sealId: seal.id, deviceId: "dev-101" }, admin);
    assert.equal(rebound.physical?.deviceId, "dev-101");
    assert.equal((await call<SealReply>("BindSealDevice", { sealId: second.id, deviceId: "dev-100" }, admin)).physical?.deviceId, "dev-100");
    const electronic = await call<SealReply>("CreateSeal", { name: "电子公章", electronic: { imageObjectKey: "seals/e.png", certificateRef: "SN-01" } }, admin);
    assert.equal(electronic.electronic?.certificateRef, "SN-01");
    await assert.rejects(call("BindSealDevice", { sealId: electronic.id, deviceId: "dev-102" }, admin), failsWith("FailedPrecondition"));
    // device-control's answers reach the caller as the same kinds, and change nothing.
    await assert.rejects(call("BindSealDevice", { sealId: seal.id, deviceId: "dev-b" }, admin), failsWith("NotFound"));
    await assert.rejects(call("BindSealDevice", { sealId: seal.id, deviceId: "dev-retired" }, admin), failsWith("FailedPrecondition"));
    devices.reachable = false;
    try {
      await assert.rejects(call("BindSealDevice", { sealId: seal.id, deviceId: "dev-200" }, admin), failsWith("Unavailable"));
    } finally {
      devices.reachable = true;
    }
    const unchanged = await call<SealReply>("GetSeal", { id: seal.id }, admin);
    assert.deepEqual([unchanged.physical?.deviceId, unchanged.version], ["dev-101", rebound.version]);
    await waitFor(() => received.filter((m) => m.key === seal.id).length === 3, 10_000, "the seal's binding events");
    assert.deepEqual(received.filter((m) => m.key === seal.id).map((m) => m.topic), [APPROVAL_TOPICS.SealBound, APPROVAL_TOPICS.SealUnbound, APPROVAL_TOPICS.SealBound]);
    const { seals } = await call<{ seals: SealReply[] }>("ListSeals", {}, await sign("u-member", orgA, ["member"]));
    assert.equal(seals.length, 3);
  });

  it("delivers exactly one ApplicationApproved per approval to a bus subscriber, with the holding device and documents", async () => {
    const admin = await sign("u-admin", orgA, ["administrator"]);
    const seal = await registerBoundSeal(admin, "dev-200");
    const applicant = await sign("u-alice", orgA, ["member"]);
    const application = await fileAndSubmit(applicant, seal.id, 5);
    const approvers = await Promise.all(["u-bob", "u-carol", "u-dave"].map((sub) => sign(sub, orgA, ["approver"])));
    const results = await Promise.allSettled(approvers.map((ctx) => call<ApplicationReply>("ApproveApplication", { id: application.id, comment: "同意" }, ctx)));
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1, "exactly one decision wins");
    for (const r of results) if (r.status === "rejected") assert.ok(isYunxiError(r.reason, "FailedPrecondition"), String(r.reason));

    await waitFor(() => approvals.some((a) => a.applicationId === application.id), 10_000, "ApplicationApproved on the bus");
    // Everything in the outbox has been published: no second approval can still be on its way.
    const drained = Date.now() + 10_000;
    while ((await unpublished()) !== 0 && Date.now() < drained) await new Promise((r) => setTimeout(r, 50));
    assert.equal(await unpublished(), 0);
    const ours = approvals.filter((a) => a.applicationId === application.id);
    assert.equal(ours.length, 1);
    const [event] = ours;
    assert.deepEqual(
      [event?.organisationId, event?.sealId, event?.deviceId, event?.applicantUserId, event?.impressionCount, event?.revision],
      [orgA, seal.id, "dev-200", "u-alice", 5, 1],
    );
    assert.deepEqual(event?.documents, [{ objectKey: "org/a/contract.pdf", sha256: SHA, contentType: "application/pdf" }]);
    assert.ok(!Number.isNaN(Date.parse(event?.approvedAt ?? "")));

    const stored = await call<ApplicationReply>("GetApplication", { id: application.id }, applicant);
    assert.deepEqual([stored.state, stored.approvedDeviceId, stored.steps[0]?.decisions.length], ["APPROVED", "dev-200", 1]);
  });

  it("records exactly one decision when an approval and a rejection race", async () => {
    const admin = await sign("u-admin", orgA, ["administrator"]);
    const seal = await registerBoundSeal(admin, "dev-300");
    const application = await fileAndSubmit(await sign("u-alice", orgA, ["member"]), seal.id);
    const results = await Promise.allSettled([
      call<ApplicationReply>("ApproveApplication", { id: application.id }, await sign("u-bob", orgA, ["approver"])),
      call<ApplicationReply>("RejectApplication", { id: application.id, comment: "页数不符" }, await sign("u-carol", orgA, ["approver"])),
    ]);
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
    const drained = Date.now() + 10_000;
    while ((await unpublished()) !== 0 && Date.now() < drained) await new Promise((r) => setTimeout(r, 50));
    const decisions = received.filter((m) => m.key === application.id && (m.topic === APPROVAL_TOPICS.ApplicationApproved || m.topic === APPROVAL_TOPICS.ApplicationRejected));
    assert.equal(decisions.length, 1);
    const rows = await db.query<{ n: bigint }>("SELECT count(*) AS n FROM approval_decision d JOIN approval_step s ON s.id = d.step_id WHERE s.application_id = $1", [application.id]);
    assert.equal(Number(rows[0]?.n), 1);
  });

  it("refuses self-approval, decisions without permission, and decisions on drafts", async () => {
    const admin = await sign("u-admin", orgA, ["administrator"]);
    const seal = await registerBoundSeal(admin, "dev-400");
    const approverApplicant = await sign("u-erin", orgA, ["approver"]);
    const own = await fileAndSubmit(approverApplicant, seal.id);
    await assert.rejects(call("ApproveApplication", { id: own.id }, approverApplicant), failsWith("PermissionDenied"));
    await assert.rejects(call("ApproveApplication", { id: own.id }, admin), failsWith("PermissionDenied"));
    await assert.rejects(call("CreateSeal", { name: "x", physical: { sealType: "OFFICIAL", sizeMm: 40, material: "RUBBER" } }, approverApplicant), failsWith("PermissionDenied"));
    const draft = await call<ApplicationReply>(
      "CreateApplication",
      { sealId: seal.id, title: "t", documents: [{ objectKey: "k.pdf", sha256: SHA, contentType: "application/pdf" }], impressionCount: 1 },
      approverApplicant,
    );
    await assert.rejects(call("ApproveApplication", { id: draft.id }, await sign("u-bob", orgA, ["approver"])), failsWith("FailedPrecondition"));
    assert.equal((await call<ApplicationReply>("GetApplication", { id: own.id }, approverApplicant)).state, "SUBMITTED");
  });

  it("answers bad input with InvalidArgument listing every bad field, storing nothing", async () => {
    const member = await sign("u-frank", orgA, ["member"]);
    await assert.rejects(
      call("CreateApplication", { sealId: "nope", title: "", documents: [{ objectKey: "", sha256: "xyz", contentType: "text/plain" }], impressionCount: 0 }, member),
      (e: unknown) => {
        assert.ok(isYunxiError(e, "InvalidArgument"));
        assert.deepEqual(e.violations.map((v) => v.field), ["seal_id", "title", "documents[0].object_key", "documents[0].sha256", "documents[0].content_type", "impression_count"]);
        return true;
      },
    );
    assert.deepEqual((await call<{ applications: ApplicationReply[] }>("ListApplications", {}, member)).applications, []);
    await assert.rejects(call("GetApplication", { id: "not-a-uuid" }, member), failsWith("NotFound"));
  });

  it("isolates organisations and refuses missing, forged or mismatched tokens", async () => {
    const admin = await sign("u-admin", orgA, ["administrator"]);
    const seal = await registerBoundSeal(admin, "dev-500");
    const application = await fileAndSubmit(await sign("u-alice", orgA, ["member"]), seal.id);
    const adminB = await sign("u-admin-b", orgB, ["administrator"]);
    const approverB = await sign("u-approver-b", orgB, ["approver", "auditor"]);
    await assert.rejects(call("GetSeal", { id: seal.id }, adminB), failsWith("NotFound"));
    await assert.rejects(call("BindSealDevice", { sealId: seal.id, deviceId: "dev-b" }, adminB), failsWith("NotFound"));
    await assert.rejects(call("GetApplication", { id: application.id }, approverB), failsWith("NotFound"));
    await assert.rejects(call("ApproveApplication", { id: application.id }, approverB), failsWith("NotFound"));
    await assert.rejects(call("WithdrawApplication", { id: application.id }, approverB), failsWith("NotFound"));
    assert.deepEqual((await call<{ applications: ApplicationReply[] }>("ListApplications", {}, approverB)).applications, []);
    assert.deepEqual((await call<{ seals: SealReply[] }>("ListSeals", {}, adminB)).seals, []);
    // A token of A presented "for" B is refused outright.
    await assert.rejects(call("ListSeals", {}, { ...admin, organisationId: orgB }), failsWith("PermissionDenied"));
    await assert.rejects(call("ListSeals", {}, { requestId: "t" }), failsWith("Unauthenticated"));
    await assert.rejects(call("ListSeals", {}, { requestId: "t", bearerToken: "a.b.c" }), failsWith("Unauthenticated"));
    assert.equal((await call<ApplicationReply>("GetApplication", { id: application.id }, admin)).state, "SUBMITTED");
  });

  it("never logs a token", () => {
    const log = logs.text();
    assert.ok(log.length > 0);
    for (const token of tokens.issued) assert.ok(!log.includes(token), "a bearer token reached the log");
  });
});
