import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isYunxiError } from "@yunxi/platform";
import { MOBILE_PATTERN, validateRegistration, type RegistrationInput } from "./account.js";
import { afterFailedLogin, isLocked, LOCKOUT_SECONDS, MAX_FAILED_LOGINS } from "./lockout.js";
import { chooseMembership } from "./membership.js";
import { formatSmsCode } from "./sms-code.js";

const valid: RegistrationInput = { mobile: "13800138000", smsCode: "012345", password: "correct horse", displayName: "张三", organisation: { join: "YXXW(001-1)" } };

describe("identity domain", () => {
  it("accepts mainland mobile numbers only", () => {
    for (const ok of ["13800138000", "19912345678", "15000000000"]) assert.ok(MOBILE_PATTERN.test(ok), ok);
    for (const bad of ["12800138000", "1380013800", "138001380000", "+8613800138000", "1380013800a", ""]) assert.ok(!MOBILE_PATTERN.test(bad), bad);
  });

  it("reports every registration problem at once, by field", () => {
    assert.doesNotThrow(() => validateRegistration(valid));
    assert.doesNotThrow(() => validateRegistration({ ...valid, organisation: { create: "云玺测试", code: "ABC-1" } }));
    assert.throws(
      () => validateRegistration({ mobile: "123", smsCode: "12ab", password: "short", displayName: " ", organisation: { join: "x" } }),
      (error: unknown) =>
        isYunxiError(error, "InvalidArgument") &&
        JSON.stringify(error.violations.map((v) => v.field).sort()) === JSON.stringify(["display_name", "mobile", "organisation_code", "password", "sms_code"]),
    );
    assert.throws(() => validateRegistration({ ...valid, organisation: { create: "" } }), (e: unknown) => isYunxiError(e, "InvalidArgument") && e.violations[0]?.field === "new_organisation_name");
    assert.throws(() => validateRegistration({ ...valid, password: "x".repeat(129) }), (e: unknown) => isYunxiError(e, "InvalidArgument"));
  });

  it("locks on the fifth failure for fifteen minutes and starts counting again", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    for (let n = 1; n < MAX_FAILED_LOGINS; n++) assert.deepEqual(afterFailedLogin(n, now), { lockedUntil: undefined, failedLoginCount: n });
    const locked = afterFailedLogin(MAX_FAILED_LOGINS, now);
    assert.equal(locked.lockedUntil?.getTime(), now.getTime() + LOCKOUT_SECONDS * 1000);
    assert.equal(locked.failedLoginCount, 0);
    assert.ok(isLocked(locked.lockedUntil, new Date(now.getTime() + LOCKOUT_SECONDS * 1000 - 1)));
    assert.ok(!isLocked(locked.lockedUntil, new Date(now.getTime() + LOCKOUT_SECONDS * 1000)));
    assert.ok(!isLocked(undefined, now));
  });

  it("chooses the requested membership, the first, or refuses a foreign organisation", () => {
    const a = { organisationId: "a", organisationCode: "AAA", organisationName: "A", roles: ["member"] };
    const b = { organisationId: "b", organisationCode: "BBB", organisationName: "B", roles: ["administrator"] };
    assert.equal(chooseMembership([a, b], "b"), b);
    assert.equal(chooseMembership([a, b], undefined), a);
    assert.equal(chooseMembership([a, b], "c"), "not-a-member");
    assert.equal(chooseMembership([], undefined), undefined);
  });

  it("formats codes as six digits, keeping leading zeros", () => {
    assert.equal(formatSmsCode(42), "000042");
    assert.equal(formatSmsCode(999999), "999999");
    assert.throws(() => formatSmsCode(1_000_000), RangeError);
    assert.throws(() => formatSmsCode(-1), RangeError);
  });
});
