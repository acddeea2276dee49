import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { JwksTokenVerifier, type CallContext, type TokenVerifier } from "@yunxi/platform";

/** A local issuer for tests: an ES256 key, its JWKS on 127.0.0.1 port 0, and a real JwksTokenVerifier. */
export interface LocalIssuer {
  /** The `iss` of minted tokens; it also serves OIDC discovery, so it works as YUNXI_OIDC_ISSUER. */
  readonly issuer: string;
  readonly verifier: TokenVerifier;
  /** Every token minted so far, so tests can check none reached a log. */
  readonly issued: readonly string[];
  /** A call context carrying a signed token for `subject` in `organisationId` with built-in `roles`. */
  context(subject: string, organisationId: string, roles: readonly string[], extra?: Record<string, unknown>): Promise<CallContext>;
  close(): Promise<void>;
}

export async function startLocalIssuer(): Promise<LocalIssuer> {
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "ES256", use: "sig" };
  let issuer = "";
  const server = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    if (req.url === "/jwks") res.end(JSON.stringify({ keys: [jwk] }));
    else if (req.url === "/.well-known/openid-configuration") res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    else res.writeHead(404).end("{}");
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issued: string[] = [];
  return {
    issuer,
    verifier: new JwksTokenVerifier({ issuer, jwksUrl: `${issuer}/jwks`, timeoutMs: 5000 }),
    issued,
    async context(subject, organisationId, roles, extra = {}) {
      const token = await new SignJWT({ yunxi_org: organisationId, roles: [...roles], ...extra })
        .setProtectedHeader({ alg: "ES256", kid: "k1" })
        .setIssuer(issuer)
        .setSubject(subject)
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(privateKey);
      issued.push(token);
      return { requestId: `req-${issued.length}`, organisationId, bearerToken: token };
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
