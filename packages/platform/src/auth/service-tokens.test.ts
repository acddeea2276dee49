import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SignJWT } from "jose";
import { isYunxiError } from "../errors/errors.js";
import { authenticate } from "./permissions.js";
import { authenticateService } from "./service-caller.js";
import { createServiceTokens, SERVICE_TOKEN_ISSUER, ServiceAwareTokenVerifier, serviceTokenKey, ServiceTokenVerifier } from "./service-tokens.js";
import type { TokenVerifier } from "./token-verifier.js";

const SECRET = "a-signing-secret-of-at-least-32-characters";
const unauthenticated = (e: unknown) => isYunxiError(e, "Unauthenticated");

describe("internal service tokens", () => {
  it("a minted token passes authenticateService for that service only, and never authenticate()", async () => {
    const verifier = new ServiceTokenVerifier(SECRET);
    const token = await createServiceTokens(SECRET, "ocr-verification").token();
    const caller = await authenticateService(verifier, { requestId: "r1", bearerToken: token }, ["ocr-verification"]);
    assert.equal(caller.service, "ocr-verification");
    await assert.rejects(authenticateService(verifier, { requestId: "r1", bearerToken: token }, ["identity"]), (e: unknown) => isYunxiError(e, "PermissionDenied"));
    await assert.rejects(authenticate(verifier, { requestId: "r1", bearerToken: token }), (e: unknown) => isYunxiError(e, "PermissionDenied") || unauthenticated(e));
  });

  it("is reused for half its life, then renewed", async () => {
    let now = 1_800_000_000_000;
    const tokens = createServiceTokens(SECRET, "media", () => now);
    const first = await tokens.token();
    now += 30_000;
    assert.equal(await tokens.token(), first);
    now += 31_000;
    assert.notEqual(await tokens.token(), first);
  });

  it("refuses a token signed with another installation's secret, an expired one, and one that smuggles an organisation or roles", async () => {
    const verifier = new ServiceTokenVerifier(SECRET);
    const foreign = await createServiceTokens("another-secret-of-at-least-32-characters!", "media").token();
    await assert.rejects(verifier.verify(foreign), unauthenticated);
    const expired = await createServiceTokens(SECRET, "media", () => Date.now() - 600_000).token();
    await assert.rejects(verifier.verify(expired), unauthenticated);
    const iat = Math.floor(Date.now() / 1000);
    for (const extra of [{ yunxi_org: "org-1" }, { roles: ["administrator"] }]) {
      const forged = await new SignJWT({ yunxi_service: "media", ...extra })
        .setProtectedHeader({ alg: "HS256" })
        .setIssuer(SERVICE_TOKEN_ISSUER)
        .setSubject("service:media")
        .setIssuedAt(iat)
        .setExpirationTime(iat + 60)
        .sign(serviceTokenKey(SECRET));
      await assert.rejects(verifier.verify(forged), unauthenticated, JSON.stringify(extra));
    }
  });

  it("refuses bad service names when minting", () => {
    for (const name of ["", "Media", "media service", "x"]) assert.throws(() => createServiceTokens(SECRET, name), /invalid service name/);
  });

  it("the combined verifier sends service tokens to the shared key and everything else to the OIDC verifier", async () => {
    const seen: string[] = [];
    const users: TokenVerifier = {
      async verify(token) {
        seen.push(token);
        throw Object.assign(new Error("not a user token"), { kind: "Unauthenticated" });
      },
    };
    const verifier = new ServiceAwareTokenVerifier(users, new ServiceTokenVerifier(SECRET));
    const principal = await verifier.verify(await createServiceTokens(SECRET, "audit").token());
    assert.equal(principal.subject, "service:audit");
    assert.deepEqual(seen, []);
    await assert.rejects(verifier.verify("not-a-jwt"));
    assert.deepEqual(seen, ["not-a-jwt"]);
  });
});
