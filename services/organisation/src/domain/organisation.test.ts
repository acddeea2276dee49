import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isYunxiError } from "@yunxi/platform";
import { assertAdministratorRemains, codeKey, codeViolation, generateCode, parseRoles, validateJoin, validateNewOrganisation } from "./organisation.js";

describe("organisation codes", () => {
  it("accepts letters, digits and ()-_ within 3–32 characters", () => {
    for (const code of ["YXXW(001-1)", "abc", "A_B-C(D)", "x".repeat(32), "123"]) assert.equal(codeViolation(code), undefined, code);
  });

  it("refuses anything else", () => {
    for (const code of ["ab", "x".repeat(33), "YX XW", "云玺001", "a/b", "a.b", "", "abc\n", "a;b"]) assert.notEqual(codeViolation(code), undefined, JSON.stringify(code));
  });

  it("compares codes ignoring case", () => {
    assert.equal(codeKey("yxxw(001-1)"), codeKey("YXXW(001-1)"));
    assert.notEqual(codeKey("YXXW(001-1)"), codeKey("YXXW(001-2)"));
  });

  it("generates valid, varying codes", () => {
    const codes = new Set(Array.from({ length: 50 }, generateCode));
    assert.equal(codes.size, 50);
    for (const code of codes) assert.equal(codeViolation(code), undefined, code);
  });
});

describe("validation", () => {
  it("lists every problem of a new organisation at once", () => {
    assert.throws(
      () => validateNewOrganisation({ name: " ", code: "a b", description: "", founderUserId: "", founderDisplayName: "" }),
      (e: unknown) => isYunxiError(e, "InvalidArgument") && e.violations.map((v) => v.field).join() === "name,code,founder_user_id",
    );
  });

  it("accepts an empty code (one is generated) and refuses an empty organisation code when joining", () => {
    validateNewOrganisation({ name: "云玺科技", code: "", description: "", founderUserId: "u1", founderDisplayName: "Li" });
    assert.throws(() => validateJoin({ organisationCode: "", userId: "u1", displayName: "" }), (e: unknown) => isYunxiError(e, "InvalidArgument") && e.violations[0]?.field === "organisation_code");
  });
});

describe("roles", () => {
  it("parses built-in roles into a canonical, deduplicated set", () => {
    assert.deepEqual(parseRoles(["member", "administrator", "member"]), ["administrator", "member"]);
  });

  it("refuses unknown roles and an empty set", () => {
    assert.throws(() => parseRoles(["owner"]), (e: unknown) => isYunxiError(e, "InvalidArgument") && /owner/.test(e.violations[0]?.message ?? ""));
    assert.throws(() => parseRoles([]), (e: unknown) => isYunxiError(e, "InvalidArgument"));
  });
});

describe("the last-administrator rule", () => {
  it("refuses removing the role from the only administrator", () => {
    assert.throws(() => assertAdministratorRemains(["u1"], "u1", ["member"]), (e: unknown) => isYunxiError(e, "FailedPrecondition"));
  });

  it("allows it when another administrator remains, or when the role is kept", () => {
    assertAdministratorRemains(["u1", "u2"], "u1", ["member"]);
    assertAdministratorRemains(["u1"], "u1", ["administrator", "approver"]);
    assertAdministratorRemains(["u1"], "u2", ["member"]);
  });
});
