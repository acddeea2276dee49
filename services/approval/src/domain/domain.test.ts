import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { isYunxiError, type ErrorKind } from "@yunxi/platform";
import { APPLICATION_STATES, currentStep, decide, draftApplication, submit, validateNewApplication, withdraw, type Application, type ApplicationState, type NewApplicationInput } from "./application.js";
import { bindDevice, validateNewSeal, type Seal } from "./seal.js";

const T0 = new Date("2026-01-01T00:00:00Z");
const T1 = new Date("2026-01-01T00:01:00Z");
const ORG = "0b6f4b8e-0000-4000-8000-000000000001";
const SEAL_ID = "0b6f4b8e-0000-4000-8000-0000000000aa";
const failsWith = (kind: ErrorKind) => (error: unknown) => isYunxiError(error, kind);
const sha = "a".repeat(64);

const goodInput: NewApplicationInput = {
  sealId: SEAL_ID,
  title: " 采购合同 ",
  description: "两份原件",
  documents: [{ objectKey: "org/docs/contract.pdf", sha256: sha, contentType: "application/pdf" }],
  impressionCount: 2,
};

function draft(): Application {
  return draftApplication(validateNewApplication(goodInput), { id: randomUUID(), organisationId: ORG, applicantUserId: "alice" }, T0);
}

/** An application in `state`, reached through the rules themselves. */
function inState(state: ApplicationState): Application {
  const d = draft();
  if (state === "DRAFT") return d;
  if (state === "WITHDRAWN") return withdraw(d, "alice", T1).application;
  const submitted = submit(d, "alice", T1, randomUUID).application;
  if (state === "SUBMITTED") return submitted;
  const outcome = state === "APPROVED" ? "APPROVED" : "REJECTED";
  return decide(submitted, { outcome, actorUserId: "bob", comment: "reason", holdingDeviceId: "dev-1" }, T1).application;
}

describe("stamp application rules", () => {
  it("validates every field at once and trims the title", () => {
    assert.equal(validateNewApplication(goodInput).title, "采购合同");
    assert.throws(
      () =>
        validateNewApplication({
          sealId: "not-a-uuid",
          title: " ",
          description: "x".repeat(2001),
          documents: [{ objectKey: "../etc/passwd", sha256: "ABC", contentType: "text/html" }],
          impressionCount: 1001,
        }),
      (error: unknown) => {
        assert.ok(isYunxiError(error, "InvalidArgument"));
        assert.deepEqual(
          error.violations.map((v) => v.field),
          ["seal_id", "title", "description", "documents[0].object_key", "documents[0].sha256", "documents[0].content_type", "impression_count"],
        );
        return true;
      },
    );
    for (const impressionCount of [0, -1, 1.5, 1001]) {
      assert.throws(() => validateNewApplication({ ...goodInput, impressionCount }), failsWith("InvalidArgument"));
    }
    assert.throws(() => validateNewApplication({ ...goodInput, documents: [] }), failsWith("InvalidArgument"));
    assert.throws(() => validateNewApplication({ ...goodInput, documents: [goodInput.documents[0]!, goodInput.documents[0]!] }), failsWith("InvalidArgument"));
    assert.equal(validateNewApplication({ ...goodInput, impressionCount: 1000 }).impressionCount, 1000);
  });

  it("submits a draft into one pending ANY_OF step and announces it", () => {
    const { application, events } = submit(draft(), "alice", T1, () => "step-1");
    assert.equal(application.state, "SUBMITTED");
    assert.equal(application.version, 2);
    assert.deepEqual(application.steps.map((s) => [s.id, s.revision, s.position, s.mode, s.state]), [["step-1", 1, 1, "ANY_OF", "PENDING"]]);
    assert.deepEqual(events.map((e) => e.type), ["ApplicationSubmitted"]);
  });

  it("approves with the device holding the seal, and announces documents and count", () => {
    const submitted = inState("SUBMITTED");
    const { application, events } = decide(submitted, { outcome: "APPROVED", actorUserId: "bob", comment: "", holdingDeviceId: "dev-7" }, T1);
    assert.equal(application.state, "APPROVED");
    assert.equal(application.approvedDeviceId, "dev-7");
    assert.equal(currentStep(application), undefined);
    const [event] = events;
    assert.ok(event?.type === "ApplicationApproved");
    assert.deepEqual([event.deviceId, event.impressionCount, event.approvedBy, event.documents], ["dev-7", 2, "bob", submitted.documents]);
  });

  it("refuses self-approval and self-rejection", () => {
    const submitted = inState("SUBMITTED");
    for (const outcome of ["APPROVED", "REJECTED"] as const) {
      assert.throws(() => decide(submitted, { outcome, actorUserId: "alice", comment: "mine", holdingDeviceId: "d" }, T1), failsWith("PermissionDenied"));
    }
  });

  it("needs a reason to reject", () => {
    assert.throws(() => decide(inState("SUBMITTED"), { outcome: "REJECTED", actorUserId: "bob", comment: "  ", holdingDeviceId: "d" }, T1), failsWith("InvalidArgument"));
  });

  it("resubmits a rejected application as a new revision with a fresh step, keeping the old decision", () => {
    const rejected = inState("REJECTED");
    const { application, events } = submit(rejected, "alice", T1, () => "step-2");
    assert.equal(application.revision, 2);
    assert.equal(application.state, "SUBMITTED");
    assert.deepEqual(application.steps.map((s) => [s.revision, s.state, s.decisions.length]), [[1, "REJECTED", 1], [2, "PENDING", 0]]);
    assert.equal(currentStep(application)?.id, "step-2");
    const [event] = events;
    assert.ok(event?.type === "ApplicationSubmitted");
    assert.equal(event.revision, 2);
  });

  it("refuses every illegal transition with FailedPrecondition", () => {
    const legal: Record<string, readonly ApplicationState[]> = {
      submit: ["DRAFT", "REJECTED"],
      withdraw: ["DRAFT", "SUBMITTED"],
      approve: ["SUBMITTED"],
      reject: ["SUBMITTED"],
    };
    const act: Record<string, (a: Application) => unknown> = {
      submit: (a) => submit(a, "alice", T1, randomUUID),
      withdraw: (a) => withdraw(a, "alice", T1),
      approve: (a) => decide(a, { outcome: "APPROVED", actorUserId: "bob", comment: "", holdingDeviceId: "d" }, T1),
      reject: (a) => decide(a, { outcome: "REJECTED", actorUserId: "bob", comment: "no", holdingDeviceId: "d" }, T1),
    };
    let refused = 0;
    for (const state of APPLICATION_STATES) {
      for (const [action, allowed] of Object.entries(legal)) {
        const before = inState(state);
        const snapshot = structuredClone(before);
        if (allowed.includes(state)) {
          assert.doesNotThrow(() => act[action]!(before), `${action} from ${state}`);
        } else {
          assert.throws(() => act[action]!(before), failsWith("FailedPrecondition"), `${action} from ${state}`);
          refused += 1;
        }
        assert.deepEqual(before, snapshot, "the input application is never mutated");
      }
    }
    assert.equal(refused, 5 * 4 - 6);
  });

  it("lets only the applicant submit or withdraw", () => {
    assert.throws(() => submit(draft(), "mallory", T1, randomUUID), failsWith("PermissionDenied"));
    assert.throws(() => withdraw(draft(), "mallory", T1), failsWith("PermissionDenied"));
  });
});

describe("seal rules", () => {
  const physical = (): Seal => {
    const { name, details } = validateNewSeal({ name: " 公章 ", physical: { sealType: "OFFICIAL", sizeMm: 42, material: "COPPER", deviceId: "" } });
    return { id: SEAL_ID, organisationId: ORG, name, details, version: 1, createdAt: T0, updatedAt: T0 };
  };

  it("validates a registration, reporting every bad field", () => {
    assert.equal(physical().name, "公章");
    assert.throws(
      () => validateNewSeal({ name: "", physical: { sealType: "ROUND", sizeMm: 41, material: "WOOD", deviceId: "" } }),
      (error: unknown) => isYunxiError(error, "InvalidArgument") && error.violations.map((v) => v.field).join() === "name,physical.seal_type,physical.size_mm,physical.material",
    );
    assert.throws(() => validateNewSeal({ name: "x" }), failsWith("InvalidArgument"));
    assert.throws(
      () => validateNewSeal({ name: "x", physical: { sealType: "OFFICIAL", sizeMm: 40, material: "RUBBER", deviceId: "" }, electronic: { imageObjectKey: "k", certificateRef: "c" } }),
      failsWith("InvalidArgument"),
    );
    assert.throws(() => validateNewSeal({ name: "e", electronic: { imageObjectKey: "", certificateRef: "" } }), (e: unknown) => isYunxiError(e, "InvalidArgument") && e.violations.length === 2);
    assert.equal(validateNewSeal({ name: "电子章", electronic: { imageObjectKey: "seals/e.png", certificateRef: "SN-1" } }).details.kind, "electronic");
  });

  it("binds, rebinds (unbound + bound) and unbinds, bumping the version each time", () => {
    const bound = bindDevice(physical(), "dev-1", "admin", T1);
    assert.deepEqual(bound.events.map((e) => [e.type, e.deviceId]), [["SealBound", "dev-1"]]);
    assert.equal(bound.seal.version, 2);
    const rebound = bindDevice(bound.seal, "dev-2", "admin", T1);
    assert.deepEqual(rebound.events.map((e) => [e.type, e.deviceId]), [["SealUnbound", "dev-1"], ["SealBound", "dev-2"]]);
    const same = bindDevice(rebound.seal, "dev-2", "admin", T1);
    assert.deepEqual([same.events.length, same.seal.version], [0, 3]);
    const unbound = bindDevice(rebound.seal, undefined, "admin", T1);
    assert.deepEqual(unbound.events.map((e) => [e.type, e.deviceId]), [["SealUnbound", "dev-2"]]);
    assert.equal(unbound.seal.details.kind === "physical" && unbound.seal.details.deviceId, undefined);
  });

  it("refuses a bad device id and binding an electronic seal", () => {
    assert.throws(() => bindDevice(physical(), "dev/1#", "admin", T1), failsWith("InvalidArgument"));
    const { name, details } = validateNewSeal({ name: "e", electronic: { imageObjectKey: "k.png", certificateRef: "c" } });
    assert.throws(() => bindDevice({ ...physical(), name, details }, "dev-1", "admin", T1), failsWith("FailedPrecondition"));
  });
});
