import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isYunxiError } from "../errors/errors.js";
import { authenticate } from "./permissions.js";
import { authenticateService, authenticateUserOrService } from "./service-caller.js";
import { principalFromClaims, type TokenVerifier } from "./token-verifier.js";

// Tokens are JSON claims here: verification itself is JwksTokenVerifier's business (token-verifier.test.ts).
const verifier: TokenVerifier = {
  async verify(token) {
    return principalFromClaims({ exp: Math.floor(Date.now() / 1000) + 60, ...(JSON.parse(token) as Record<string, unknown>) });
  },
};
const call = (claims: Record<string, unknown>) => ({ requestId: "r1", bearerToken: JSON.stringify(claims) });

describe("authenticateService", () => {
  it("accepts a token naming an allowed service and no organisation", async () => {
    const caller = await authenticateService(verifier, call({ sub: "service:identity", yunxi_service: "identity" }), ["identity"]);
    assert.equal(caller.service, "identity");
    assert.equal(caller.principal.subject, "service:identity");
  });

  it("refuses user tokens, other services and organisation-scoped service tokens as PermissionDenied", async () => {
    const refused = [
      { sub: "user-1", yunxi_org: "org-1", roles: ["administrator"] },
      { sub: "user-1" },
      { sub: "service:approval", yunxi_service: "approval" },
      { sub: "service:identity", yunxi_service: "identity", yunxi_org: "org-1" },
      { sub: "service:identity", yunxi_service: "" },
    ];
    for (const claims of refused) {
      await assert.rejects(authenticateService(verifier, call(claims), ["identity"]), (e: unknown) => isYunxiError(e, "PermissionDenied"), JSON.stringify(claims));
    }
  });

  it("refuses a call without a token as Unauthenticated", async () => {
    await assert.rejects(authenticateService(verifier, { requestId: "r1" }, ["identity"]), (e: unknown) => isYunxiError(e, "Unauthenticated"));
  });

  it("a service token cannot pass as a user: authenticate needs an organisation", async () => {
    await assert.rejects(authenticate(verifier, call({ sub: "service:identity", yunxi_service: "identity" })), (e: unknown) => isYunxiError(e, "PermissionDenied"));
  });
});

describe("authenticateUserOrService", () => {
  it("a user token acts as that user in the token's organisation", async () => {
    const actor = await authenticateUserOrService(verifier, call({ sub: "user-1", yunxi_org: "org-1", roles: ["auditor"] }), ["ocr-verification"]);
    assert.equal(actor.kind, "user");
    assert.equal(actor.kind === "user" && actor.caller.organisationId, "org-1");
  });

  it("an allowed service acts for the organisation named in the call context, and must name one", async () => {
    const claims = { sub: "service:ocr-verification", yunxi_service: "ocr-verification" };
    const actor = await authenticateUserOrService(verifier, { ...call(claims), organisationId: "org-2" }, ["ocr-verification"]);
    assert.deepEqual(actor.kind === "service" && [actor.service.service, actor.organisationId], ["ocr-verification", "org-2"]);
    await assert.rejects(authenticateUserOrService(verifier, call(claims), ["ocr-verification"]), (e: unknown) => isYunxiError(e, "InvalidArgument"));
    await assert.rejects(authenticateUserOrService(verifier, { ...call(claims), organisationId: "org-2" }, ["audit"]), (e: unknown) => isYunxiError(e, "PermissionDenied"));
  });

  it("a user cannot reach another organisation by naming it in the call context", async () => {
    const context = { ...call({ sub: "user-1", yunxi_org: "org-1", roles: ["administrator"] }), organisationId: "org-2" };
    await assert.rejects(authenticateUserOrService(verifier, context, ["ocr-verification"]), (e: unknown) => isYunxiError(e, "PermissionDenied"));
  });
});
