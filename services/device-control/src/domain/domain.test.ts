import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isYunxiError } from "@yunxi/platform";
import { validateAcknowledgement, validateAlarmQuery } from "./alarms.js";
import { judgeImpression, type Authorisation } from "./authorisation.js";
import { commandSigningInput, COMMAND_SIGNATURE_CONTEXT, validateAuthorisationRequest } from "./commands.js";
import { validateNewDevice } from "./device.js";
import { fillGap, placeSequence } from "./sequence.js";

const auth = (over: Partial<Authorisation> = {}): Authorisation => ({
  id: "a1",
  deviceId: "dev-1",
  organisationId: "org-1",
  applicationId: "app-1",
  userId: "u-1",
  impressions: 3,
  remaining: 3,
  issuedAt: new Date("2026-01-01T00:00:00Z"),
  expiresAt: new Date("2026-01-01T01:00:00Z"),
  commandId: "c1",
  ...over,
});

describe("sequence placement and gaps", () => {
  it("takes the next sequence without a gap and reports skipped ones as one range", () => {
    assert.deepEqual(placeSequence(0n, 1n, []), { kind: "ahead" });
    assert.deepEqual(placeSequence(3n, 7n, []), { kind: "ahead", gap: { from: 4n, to: 6n } });
  });
  it("recognises a late arrival inside a gap, and one outside any gap", () => {
    const gaps = [{ from: 4n, to: 6n }];
    assert.deepEqual(placeSequence(7n, 5n, gaps), { kind: "late", gap: { from: 4n, to: 6n } });
    assert.deepEqual(placeSequence(7n, 2n, gaps), { kind: "late" });
  });
  it("splits a gap around the sequence that filled it", () => {
    assert.deepEqual(fillGap({ from: 4n, to: 6n }, 5n), [{ from: 4n, to: 4n }, { from: 6n, to: 6n }]);
    assert.deepEqual(fillGap({ from: 4n, to: 6n }, 4n), [{ from: 5n, to: 6n }]);
    assert.deepEqual(fillGap({ from: 4n, to: 4n }, 4n), []);
  });
});

describe("judging an impression", () => {
  const at = new Date("2026-01-01T00:30:00Z");
  it("accepts a press inside an open authorisation of this device", () => {
    assert.deepEqual(judgeImpression(auth(), "dev-1", at), { authorised: true });
  });
  it("refuses missing, foreign, used-up, expired and premature authorisations", () => {
    assert.equal(judgeImpression(undefined, "dev-1", at).authorised, false);
    assert.equal(judgeImpression(auth(), "dev-2", at).authorised, false);
    assert.equal(judgeImpression(auth({ remaining: 0 }), "dev-1", at).authorised, false);
    assert.equal(judgeImpression(auth(), "dev-1", new Date("2026-01-01T01:00:01Z")).authorised, false);
    assert.equal(judgeImpression(auth(), "dev-1", new Date("2025-12-31T23:50:00Z")).authorised, false);
  });
});

describe("input validation", () => {
  it("reports every bad field of an authorisation request at once", () => {
    assert.throws(
      () => validateAuthorisationRequest({ deviceId: "bad id!", applicationId: "", userId: "u", impressions: 0, ttlSeconds: 10 ** 9 }),
      (error: unknown) => isYunxiError(error, "InvalidArgument") && error.violations.map((v) => v.field).sort().join() === "application_id,device_id,impressions,ttl_seconds",
    );
  });
  it("accepts a good device and refuses a bad serial", () => {
    assert.deepEqual(validateNewDevice({ serial: " SN-1 ", model: "S1" }), { serial: "SN-1", model: "S1" });
    assert.throws(() => validateNewDevice({ serial: "a/b", model: "" }), (e: unknown) => isYunxiError(e, "InvalidArgument") && e.violations.length === 2);
  });
  it("signs the command bytes behind a fixed context prefix", () => {
    const input = commandSigningInput(new Uint8Array([1, 2]));
    assert.equal(Buffer.from(input.subarray(0, COMMAND_SIGNATURE_CONTEXT.length)).toString(), COMMAND_SIGNATURE_CONTEXT);
    assert.deepEqual([...input.subarray(COMMAND_SIGNATURE_CONTEXT.length)], [1, 2]);
  });
});

describe("alarm list and acknowledgement input", () => {
  it("defaults to open alarms, 100 at a time, from the newest", () => {
    assert.deepEqual(validateAlarmQuery({}), { state: "open", limit: 100 });
    assert.deepEqual(validateAlarmQuery({ state: "", limit: 0, before: "" }), { state: "open", limit: 100 });
    assert.deepEqual(validateAlarmQuery({ state: "all", limit: 1000, before: "42" }), { state: "all", limit: 1000, before: 42n });
  });

  it("reports every bad field at once", () => {
    assert.throws(
      () => validateAlarmQuery({ state: "closed", limit: 1001, before: "-1" }),
      (error: unknown) => isYunxiError(error, "InvalidArgument") && error.violations.map((v) => v.field).join() === "state,limit,before",
    );
    assert.throws(() => validateAlarmQuery({ before: "99999999999999999999" }), (error: unknown) => isYunxiError(error, "InvalidArgument"));
    assert.throws(
      () => validateAcknowledgement({ alarmId: "x", note: "n".repeat(1001) }),
      (error: unknown) => isYunxiError(error, "InvalidArgument") && error.violations.map((v) => v.field).join() === "alarm_id,note",
    );
    assert.deepEqual(validateAcknowledgement({ alarmId: "0B8F2F7E-6C1A-4C55-9B9E-2F1D3A4B5C6D", note: "  resealed " }), { alarmId: "0b8f2f7e-6c1a-4c55-9b9e-2f1d3a4b5c6d", note: "resealed" });
  });
});
