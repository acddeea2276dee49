import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { beforeEach, describe, it } from "node:test";
import { createRootLogger, isYunxiError, principalFromClaims, type CallContext, type ErrorKind, type TokenVerifier } from "@yunxi/platform";
import { MemoryApprovalRepository } from "../adapters/memory/memory-approval-repository.js";
import { MemoryDeviceDirectory } from "../adapters/memory/memory-device-directory.js";
import type { NewApplicationInput } from "../domain/application.js";
import { makeApprovalService, type ApprovalService } from "./approval-service.js";

// Tokens are their JSON claims: signature checks are the verifier's business, tested in the platform.
const verifier: TokenVerifier = {
  async verify(token) {
    return principalFromClaims({ exp: Math.floor(Date.now() / 1000) + 60, ...(JSON.parse(token) as Record<string, unknown>) });
  },
};
const ORG_A = randomUUID();
const ORG_B = randomUUID();
const user = (sub: string, org: string, roles: string[]): CallContext => ({ requestId: "test", bearerToken: JSON.stringify({ sub, yunxi_org: org, roles }) });
const admin = user("u-admin", ORG_A, ["administrator"]);
const alice = user("u-alice", ORG_A, ["member"]);
const mallory = user("u-mallory", ORG_A, ["member"]);
const bob = user("u-bob", ORG_A, ["approver"]);
const carol = user("u-carol", ORG_A, ["approver"]);
const auditor = user("u-auditor", ORG_A, ["auditor"]);
const adminB = user("u-admin-b", ORG_B, ["administrator"]);
const approverB = user("u-approver-b", ORG_B, ["approver"]);
const failsWith = (kind: ErrorKind) => (error: unknown) => isYunxiError(error, kind);

describe("approval use cases", () => {
  let repository: MemoryApprovalRepository;
  let devices: MemoryDeviceDirectory;
  let service: ApprovalService;
  beforeEach(() => {
    repository = new MemoryApprovalRepository();
    // The devices these tests bind: A's, and B's own "dev-x" (ids are per organisation as far as approval knows).
    devices = new MemoryDeviceDirectory();
    for (const id of ["dev-1", "dev-2", "dev-x"]) devices.put(ORG_A, id);
    devices.put(ORG_B, "dev-x").put(ORG_B, "dev-b");
    service = makeApprovalService({ repository, devices, verifier, logger: createRootLogger({ level: "silent" }) });
  });

  const physicalSeal = async (ctx = admin, device = "dev-1") => {
    const seal = await service.createSeal(ctx, { name: "公章", physical: { sealType: "OFFICIAL", sizeMm: 42, material: "COPPER", deviceId: "" } });
    return device ? service.bindSealDevice(ctx, seal.id, device) : seal;
  };
  const input = (sealId: string): NewApplicationInput => ({
    sealId,
    title: "采购合同",
    description: "",
    documents: [{ objectKey: "docs/c.pdf", sha256: "c".repeat(64), contentType: "application/pdf" }],
    impressionCount: 2,
  });
  const submitted = async () => {
    const seal = await physicalSeal();
    const draft = await service.createApplication(alice, input(seal.id));
    return { seal, application: await service.submitApplication(alice, draft.id) };
  };

  it("runs the chain: register, bind, file, submit, approve — announcing the approval with the holding device", async () => {
    const { seal, application } = await submitted();
    const approved = await service.decideApplication(bob, application.id, "APPROVED", "ok");
    assert.equal(approved.state, "APPROVED");
    assert.equal(approved.approvedDeviceId, "dev-1");
    assert.deepEqual(repository.events.map((e) => e.type), ["SealBound", "ApplicationSubmitted", "ApplicationApproved"]);
    const event = repository.events.at(-1);
    assert.ok(event?.type === "ApplicationApproved");
    assert.deepEqual([event.deviceId, event.sealId, event.applicantUserId, event.impressionCount], ["dev-1", seal.id, "u-alice", 2]);
  });

  it("checks permissions: registering seals, filing, deciding", async () => {
    await assert.rejects(physicalSeal(alice, ""), failsWith("PermissionDenied"));
    const seal = await physicalSeal();
    await assert.rejects(service.bindSealDevice(bob, seal.id, "dev-9"), failsWith("PermissionDenied"));
    await assert.rejects(service.createApplication(auditor, input(seal.id)), failsWith("PermissionDenied"));
    const draft = await service.createApplication(alice, input(seal.id));
    await service.submitApplication(alice, draft.id);
    await assert.rejects(service.decideApplication(admin, draft.id, "APPROVED", ""), failsWith("PermissionDenied"));
    await assert.rejects(service.decideApplication(mallory, draft.id, "APPROVED", ""), failsWith("PermissionDenied"));
    await assert.rejects(service.listSeals({ requestId: "t" }), failsWith("Unauthenticated"));
    assert.equal((await service.getApplication(alice, draft.id)).state, "SUBMITTED");
  });

  it("refuses self-approval even to an applicant who holds application.decide", async () => {
    const seal = await physicalSeal();
    const own = await service.createApplication(bob, input(seal.id));
    await service.submitApplication(bob, own.id);
    await assert.rejects(service.decideApplication(bob, own.id, "APPROVED", ""), failsWith("PermissionDenied"));
    assert.equal((await service.getApplication(bob, own.id)).state, "SUBMITTED");
  });

  it("refuses decisions on applications that are not submitted, changing nothing", async () => {
    const seal = await physicalSeal();
    const draft = await service.createApplication(alice, input(seal.id));
    await assert.rejects(service.decideApplication(bob, draft.id, "APPROVED", ""), failsWith("FailedPrecondition"));
    await service.withdrawApplication(alice, draft.id);
    await assert.rejects(service.decideApplication(bob, draft.id, "REJECTED", "late"), failsWith("FailedPrecondition"));
    await assert.rejects(service.submitApplication(alice, draft.id), failsWith("FailedPrecondition"));
    assert.deepEqual(repository.events.map((e) => e.type), ["SealBound", "ApplicationWithdrawn"]);
  });

  it("lets only the applicant submit or withdraw; others' drafts are not even visible to members", async () => {
    const seal = await physicalSeal();
    const draft = await service.createApplication(alice, input(seal.id));
    await assert.rejects(service.submitApplication(mallory, draft.id), failsWith("NotFound"));
    await assert.rejects(service.getApplication(mallory, draft.id), failsWith("NotFound"));
    assert.deepEqual(await service.listApplications(mallory, ""), []);
    // Approvers see every application of the organisation, but still cannot act as the applicant.
    await assert.rejects(service.withdrawApplication(bob, draft.id), failsWith("PermissionDenied"));
    assert.equal((await service.listApplications(bob, "DRAFT")).length, 1);
  });

  it("resubmits after a rejection as revision 2, and approves that", async () => {
    const { application } = await submitted();
    const rejected = await service.decideApplication(bob, application.id, "REJECTED", "wrong count");
    assert.equal(rejected.state, "REJECTED");
    const again = await service.submitApplication(alice, application.id);
    assert.deepEqual([again.state, again.revision, again.steps.length], ["SUBMITTED", 2, 2]);
    const approved = await service.decideApplication(carol, application.id, "APPROVED", "");
    assert.equal(approved.state, "APPROVED");
  });

  it("refuses approval while the seal is held by no device, but may reject", async () => {
    const seal = await physicalSeal(admin, "");
    const draft = await service.createApplication(alice, input(seal.id));
    await service.submitApplication(alice, draft.id);
    await assert.rejects(service.decideApplication(bob, draft.id, "APPROVED", ""), failsWith("FailedPrecondition"));
    assert.equal((await service.decideApplication(bob, draft.id, "REJECTED", "no device")).state, "REJECTED");
  });

  it("acts on an expected version only", async () => {
    const { application } = await submitted();
    await assert.rejects(service.decideApplication(bob, application.id, "APPROVED", "", application.version - 1), failsWith("FailedPrecondition"));
    assert.equal((await service.decideApplication(bob, application.id, "APPROVED", "", application.version)).state, "APPROVED");
  });

  it("lets exactly one of concurrent decisions win", async () => {
    const { application } = await submitted();
    const results = await Promise.allSettled([
      service.decideApplication(bob, application.id, "APPROVED", ""),
      service.decideApplication(carol, application.id, "REJECTED", "no"),
    ]);
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
    for (const r of results) if (r.status === "rejected") assert.ok(isYunxiError(r.reason, "FailedPrecondition"), String(r.reason));
    assert.equal(repository.events.filter((e) => e.type === "ApplicationApproved" || e.type === "ApplicationRejected").length, 1);
  });

  it("keeps one seal per device and refuses a second seal on it", async () => {
    await physicalSeal(admin, "dev-x");
    await assert.rejects(physicalSeal(admin, "dev-x"), failsWith("AlreadyExists"));
    // Another organisation may name its own device the same.
    assert.equal((await physicalSeal(adminB, "dev-x")).organisationId, ORG_B);
  });

  describe("binding asks device-control about the device first", () => {
    const bindRefused = async (deviceId: string, kind: ErrorKind) => {
      const seal = await physicalSeal(admin, "dev-1");
      const eventsBefore = repository.events.length;
      await assert.rejects(service.bindSealDevice(admin, seal.id, deviceId), failsWith(kind));
      const after = await service.getSeal(admin, seal.id);
      assert.deepEqual([after.details.kind === "physical" && after.details.deviceId, after.version], ["dev-1", seal.version], "the seal is unchanged");
      assert.equal(repository.events.length, eventsBefore, "nothing was announced");
    };

    it("binds the organisation's own active device, asking with the caller's organisation", async () => {
      const seal = await physicalSeal(admin, "");
      const bound = await service.bindSealDevice(admin, seal.id, "dev-2");
      assert.deepEqual([bound.details.kind === "physical" && bound.details.deviceId, bound.version], ["dev-2", 2]);
      assert.deepEqual(devices.asked.at(-1), { organisationId: ORG_A, deviceId: "dev-2" });
    });

    it("refuses an unknown device as NotFound", () => bindRefused("dev-typo", "NotFound"));

    it("refuses another organisation's device exactly like an unknown one", async () => {
      await bindRefused("dev-b", "NotFound");
      const unknown = await service.bindSealDevice(admin, (await physicalSeal(admin, "")).id, "dev-nowhere").catch((e: unknown) => e);
      const foreign = await service.bindSealDevice(admin, (await physicalSeal(admin, "")).id, "dev-b").catch((e: unknown) => e);
      assert.ok(isYunxiError(unknown, "NotFound") && isYunxiError(foreign, "NotFound"));
      assert.equal(foreign.message.replace("dev-b", "ID"), unknown.message.replace("dev-nowhere", "ID"), "the two refusals read the same");
    });

    it("refuses a revoked device as FailedPrecondition", async () => {
      devices.put(ORG_A, "dev-old", "revoked");
      await bindRefused("dev-old", "FailedPrecondition");
    });

    it("refuses with Unavailable while device-control cannot be asked", async () => {
      const seal = await physicalSeal(admin, "dev-1");
      devices.reachable = false;
      await assert.rejects(service.bindSealDevice(admin, seal.id, "dev-2"), failsWith("Unavailable"));
      assert.equal((await service.getSeal(admin, seal.id)).version, seal.version);
      // Unbinding needs no device, and a rebind to the same device changes nothing: neither asks.
      const asked = devices.asked.length;
      assert.equal((await service.bindSealDevice(admin, seal.id, "dev-1")).version, seal.version);
      const unbound = await service.bindSealDevice(admin, seal.id, "");
      assert.equal(unbound.details.kind === "physical" && unbound.details.deviceId, undefined);
      assert.equal(devices.asked.length, asked);
    });

    it("checks the id's form and the caller's permission before asking anyone", async () => {
      const seal = await physicalSeal(admin, "");
      const asked = devices.asked.length;
      await assert.rejects(service.bindSealDevice(admin, seal.id, "../dev"), failsWith("InvalidArgument"));
      await assert.rejects(service.bindSealDevice(bob, seal.id, "dev-1"), failsWith("PermissionDenied"));
      assert.equal(devices.asked.length, asked);
    });
  });

  it("isolates organisations: B cannot see or change A's seals and applications", async () => {
    const { seal, application } = await submitted();
    await assert.rejects(service.getSeal(adminB, seal.id), failsWith("NotFound"));
    await assert.rejects(service.bindSealDevice(adminB, seal.id, "dev-b"), failsWith("NotFound"));
    assert.deepEqual(await service.listSeals(adminB), []);
    await assert.rejects(service.getApplication(approverB, application.id), failsWith("NotFound"));
    await assert.rejects(service.decideApplication(approverB, application.id, "APPROVED", ""), failsWith("NotFound"));
    assert.deepEqual(await service.listApplications(approverB, ""), []);
    // Filing in B against A's seal finds no seal.
    await assert.rejects(service.createApplication(user("u-b", ORG_B, ["member"]), input(seal.id)), failsWith("NotFound"));
    assert.equal((await service.getApplication(alice, application.id)).state, "SUBMITTED");
  });

  it("reports every bad field of an application and stores nothing", async () => {
    await assert.rejects(
      service.createApplication(alice, { sealId: "x", title: "", description: "", documents: [], impressionCount: 0 }),
      (e: unknown) => isYunxiError(e, "InvalidArgument") && e.violations.map((v) => v.field).join() === "seal_id,title,documents,impression_count",
    );
    assert.deepEqual(await service.listApplications(bob, ""), []);
    await assert.rejects(service.listApplications(bob, "PENDING"), failsWith("InvalidArgument"));
  });
});
