import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import { isYunxiError } from "../errors/errors.js";
import { JwksTokenVerifier } from "./token-verifier.js";

describe("JwksTokenVerifier against a local issuer", () => {
  let server: Server;
  let issuer: string;
  let privateKey: CryptoKey;
  let otherKey: CryptoKey;

  before(async () => {
    const pair = await generateKeyPair("RS256");
    privateKey = pair.privateKey;
    otherKey = (await generateKeyPair("RS256")).privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    server = createServer((req, res) => {
      res.setHeader("content-type", "application/json");
      if (req.url === "/.well-known/openid-configuration") res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
      else if (req.url === "/jwks") res.end(JSON.stringify({ keys: [jwk] }));
      else res.writeHead(404).end("{}");
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((done) => server.close(() => done())));

  const sign = (claims: Record<string, unknown>, key = privateKey, expires: string | number = "5m", iss = issuer) =>
    new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "k1" }).setIssuer(iss).setSubject("user-1").setIssuedAt().setExpirationTime(expires).sign(key);

  it("accepts a valid token and reads organisation and roles", async () => {
    const verifier = new JwksTokenVerifier({ issuer });
    const principal = await verifier.verify(await sign({ yunxi_org: "org-42", roles: ["approver", "member"] }));
    assert.equal(principal.subject, "user-1");
    assert.equal(principal.organisationId, "org-42");
    assert.deepEqual(principal.roles, ["approver", "member"]);
  });

  it("rejects a token signed by another key, an expired one, another issuer, and garbage", async () => {
    const verifier = new JwksTokenVerifier({ issuer, clockToleranceSeconds: 0 });
    const cases = [
      await sign({}, otherKey),
      await sign({}, privateKey, Math.floor(Date.now() / 1000) - 60),
      await sign({}, privateKey, "5m", "http://evil.example"),
      "not-a-token",
    ];
    for (const token of cases) {
      await assert.rejects(verifier.verify(token), (error: unknown) => isYunxiError(error, "Unauthenticated"));
    }
  });

  it("enforces the audience when configured", async () => {
    const verifier = new JwksTokenVerifier({ issuer, audiences: ["yunxi-gateway"] });
    await assert.rejects(verifier.verify(await sign({ aud: "someone-else" })), (e: unknown) => isYunxiError(e, "Unauthenticated"));
    const ok = await verifier.verify(await sign({ aud: "yunxi-gateway" }));
    assert.equal(ok.subject, "user-1");
  });

  it("reports an unreachable issuer as Unavailable, naming it, within the timeout", async () => {
    const verifier = new JwksTokenVerifier({ issuer: "http://127.0.0.1:9", timeoutMs: 1000 });
    await assert.rejects(verifier.verify(await sign({})), (error: unknown) => isYunxiError(error, "Unavailable") && /127\.0\.0\.1:9/.test(error.message));
  });
});
