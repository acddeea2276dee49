import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isYunxiError } from "../errors/errors.js";
import { authenticate, permissionsOf, requirePermission } from "./permissions.js";
import type { Principal, TokenVerifier } from "./token-verifier.js";

const principal = (claims: Record<string, unknown>): Principal => ({
  subject: "user-1",
  ...(typeof claims["yunxi_org"] === "string" ? { organisationId: claims["yunxi_org"] } : {}),
  roles: (claims["roles"] as string[] | undefined) ?? [],
  expiresAt: new Date(Date.now() + 60_000),
  claims,
});
const verifierFor = (claims: Record<string, unknown>): TokenVerifier => ({ verify: async () => principal(claims) });

describe("authenticate and permissions", () => {
  it("derives permissions from built-in roles and ignores unknown ones", () => {
    const granted = permissionsOf(principal({ roles: ["auditor", "no-such-role"], permissions: ["seal.manage", "launch.missiles"] }));
    assert.deepEqual([...granted].sort(), ["evidence.read", "records.read", "seal.manage"]);
  });

  it("requires a token, an organisation in it, and refuses acting in another organisation", async () => {
    await assert.rejects(authenticate(verifierFor({}), { requestId: "r" }), (e: unknown) => isYunxiError(e, "Unauthenticated"));
    await assert.rejects(authenticate(verifierFor({ roles: ["member"] }), { requestId: "r", bearerToken: "t" }), (e: unknown) => isYunxiError(e, "PermissionDenied"));
    await assert.rejects(
      authenticate(verifierFor({ yunxi_org: "org-a" }), { requestId: "r", bearerToken: "t", organisationId: "org-b" }),
      (e: unknown) => isYunxiError(e, "PermissionDenied"),
    );
    await assert.rejects(
      authenticate(verifierFor({ yunxi_org: "org-a", yunxi_service: "identity", roles: ["administrator"] }), { requestId: "r", bearerToken: "t" }),
      (e: unknown) => isYunxiError(e, "PermissionDenied"),
    );
    const caller = await authenticate(verifierFor({ yunxi_org: "org-a", roles: ["approver"] }), { requestId: "r", bearerToken: "t", organisationId: "org-a" });
    assert.equal(caller.organisationId, "org-a");
    requirePermission(caller, "application.decide");
    assert.throws(() => requirePermission(caller, "seal.manage"), (e: unknown) => isYunxiError(e, "PermissionDenied"));
  });
});
