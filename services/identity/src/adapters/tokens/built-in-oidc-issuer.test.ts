import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { decodeProtectedHeader } from "jose";
import { createRootLogger, isYunxiError, JwksTokenVerifier } from "@yunxi/platform";
import { MemorySigningKeyStore } from "../../app/test-fakes.js";
import { BuiltInOidcIssuer } from "./built-in-oidc-issuer.js";

const logger = createRootLogger({ level: "silent" });
const SECRET = "a-test-signing-secret-of-enough-length-000";

describe("BuiltInOidcIssuer", () => {
  let server: Server;
  let base: string;
  let issuer: BuiltInOidcIssuer;
  const keys = new MemorySigningKeyStore();

  before(async () => {
    // The gateway's role: publish the issuer's JWKS over HTTP.
    server = createServer((req, res) => {
      if (req.url !== "/oidc/jwks") return void res.writeHead(404).end();
      void issuer.jwks().then((jwks) => res.setHeader("content-type", "application/json").end(JSON.stringify(jwks)));
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    issuer = new BuiltInOidcIssuer({ issuer: `${base}/oidc`, keys, secret: SECRET, logger });
    await issuer.start();
  });
  after(() => new Promise<void>((done) => server.close(() => done())));

  it("issues ES256 access tokens that JwksTokenVerifier accepts, with organisation, roles, kid and 15 min expiry", async () => {
    const { token, expiresInSeconds } = await issuer.issueAccessToken({ subject: "acc-1", organisationId: "org-1", roles: ["approver"], name: "张三" });
    assert.equal(expiresInSeconds, 900);
    const header = decodeProtectedHeader(token);
    assert.equal(header.alg, "ES256");
    assert.equal(header.kid, keys.keys[0]?.kid);
    const verifier = new JwksTokenVerifier({ issuer: `${base}/oidc`, jwksUrl: `${base}/oidc/jwks`, timeoutMs: 2000 });
    const principal = await verifier.verify(token);
    assert.equal(principal.subject, "acc-1");
    assert.equal(principal.organisationId, "org-1");
    assert.deepEqual(principal.roles, ["approver"]);
    const lifetime = (principal.expiresAt.getTime() - Date.now()) / 1000;
    assert.ok(lifetime > 880 && lifetime <= 900, `lifetime ${lifetime}`);
  });

  it("publishes only public key material", async () => {
    const jwks = await issuer.jwks();
    assert.equal(jwks.keys.length, 1);
    const key = jwks.keys[0] as Record<string, unknown>;
    assert.deepEqual(Object.keys(key).sort(), ["alg", "crv", "kid", "kty", "use", "x", "y"]);
    assert.equal(key["d"], undefined);
  });

  it("a token from another issuer URL or signed by another key is rejected", async () => {
    const stranger = new BuiltInOidcIssuer({ issuer: `${base}/oidc`, keys: new MemorySigningKeyStore(), secret: SECRET, logger });
    await stranger.start();
    const verifier = new JwksTokenVerifier({ issuer: `${base}/oidc`, jwksUrl: `${base}/oidc/jwks`, timeoutMs: 2000 });
    await assert.rejects(verifier.verify((await stranger.issueAccessToken({ subject: "x", organisationId: "o", roles: [] })).token), (e: unknown) => isYunxiError(e, "Unauthenticated"));
    const other = new JwksTokenVerifier({ issuer: "http://elsewhere/oidc", jwksUrl: `${base}/oidc/jwks`, timeoutMs: 2000 });
    await assert.rejects(other.verify((await issuer.issueAccessToken({ subject: "x", organisationId: "o", roles: [] })).token), (e: unknown) => isYunxiError(e, "Unauthenticated"));
  });

  it("keeps its key across restarts, sealed: the private key is not stored in the clear", async () => {
    const restarted = new BuiltInOidcIssuer({ issuer: `${base}/oidc`, keys, secret: SECRET, logger });
    await restarted.start();
    assert.equal(keys.keys.length, 1);
    const verifier = new JwksTokenVerifier({ issuer: `${base}/oidc`, jwksUrl: `${base}/oidc/jwks`, timeoutMs: 2000 });
    assert.equal((await verifier.verify((await restarted.issueAccessToken({ subject: "acc-2", organisationId: "o", roles: [] })).token)).subject, "acc-2");
    const sealed = Buffer.from(keys.keys[0]?.sealedPrivateKey ?? []);
    // An unsealed PKCS#8 P-256 key begins with this DER prefix.
    assert.equal(sealed.includes(Buffer.from("308187020100301306072a8648ce3d0201", "hex")), false);
  });

  it("refuses to start with a different secret instead of signing with a new key", async () => {
    const wrong = new BuiltInOidcIssuer({ issuer: `${base}/oidc`, keys, secret: "another-secret-another-secret-another-000", logger });
    await assert.rejects(wrong.start(), (e: unknown) => isYunxiError(e, "FailedPrecondition") && /YUNXI_SIGNING_SECRET/.test(e.message));
  });

  it("mints short service tokens for identity with no organisation", async () => {
    const verifier = new JwksTokenVerifier({ issuer: `${base}/oidc`, jwksUrl: `${base}/oidc/jwks`, timeoutMs: 2000 });
    const principal = await verifier.verify(await issuer.serviceToken());
    assert.equal(principal.subject, "service:identity");
    assert.equal(principal.claims["yunxi_service"], "identity");
    assert.equal(principal.organisationId, undefined);
    assert.ok(principal.expiresAt.getTime() - Date.now() <= 60_000);
  });
});
