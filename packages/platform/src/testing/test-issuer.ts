import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { JwksTokenVerifier, type TokenVerifier } from "../auth/token-verifier.js";
import type { CallContext } from "../grpc/call-context.js";
import { createRootLogger, type Logger } from "../logging/logger.js";

/** A real OIDC-style issuer for tests: a signing key, its JWKS served over HTTP on port 0, and a verifier. */
export interface TestIssuer {
  readonly issuer: string;
  readonly jwksUrl: string;
  /** A `JwksTokenVerifier` for this issuer, exactly as services build one. */
  readonly verifier: TokenVerifier;
  /** Every token signed so far, so a test can check none of them reached a log. */
  readonly issued: readonly string[];
  sign(claims: Record<string, unknown>, subject: string, expiresIn?: string | number): Promise<string>;
  /** The call context of a user acting in `organisationId` with built-in `roles`. */
  userContext(subject: string, organisationId: string, roles: readonly string[]): Promise<CallContext>;
  /** The call context of another service (see authenticateService). */
  serviceContext(service: string): Promise<CallContext>;
  close(): Promise<void>;
}

/** Where the issuer lives on its server. */
export interface TestIssuerOptions {
  /**
   * Path of the issuer under the server's origin, e.g. `/oidc` to stand in for the built-in issuer that
   * `createTokenVerifier` derives from `HTTP_PORT` (issuer `<origin>/oidc`, JWKS `<origin>/oidc/jwks`).
   * Default: the origin itself.
   */
  readonly path?: string;
}

/** Starts a {@link TestIssuer} on 127.0.0.1, port 0; `close()` it when done. */
export async function startTestIssuer(options: TestIssuerOptions = {}): Promise<TestIssuer> {
  const path = (options.path ?? "").replace(/\/$/, "");
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "test-key", alg: "ES256", use: "sig" };
  let discovery = "";
  const server = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    if (req.url === `${path}/jwks`) res.end(JSON.stringify({ keys: [jwk] }));
    // Discovery too, so the issuer works as YUNXI_OIDC_ISSUER for a whole module under test.
    else if (req.url === `${path}/.well-known/openid-configuration`) res.end(discovery);
    else res.writeHead(404).end("{}");
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  const jwksUrl = `${issuer}/jwks`;
  discovery = JSON.stringify({ issuer, jwks_uri: jwksUrl });
  const issued: string[] = [];
  const sign = async (claims: Record<string, unknown>, subject: string, expiresIn: string | number = "5m") => {
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: "ES256", kid: "test-key" })
      .setIssuer(issuer)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(privateKey);
    issued.push(token);
    return token;
  };
  return {
    issuer,
    jwksUrl,
    verifier: new JwksTokenVerifier({ issuer, jwksUrl, timeoutMs: 5000 }),
    issued,
    sign,
    userContext: async (subject, organisationId, roles) => ({
      requestId: `test-${issued.length}`,
      bearerToken: await sign({ yunxi_org: organisationId, roles: [...roles] }, subject),
      organisationId,
    }),
    serviceContext: async (service) => ({ requestId: `test-${issued.length}`, bearerToken: await sign({ yunxi_service: service }, `service:${service}`, "60s") }),
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** A debug-level logger whose output a test can read, e.g. to prove no secret was logged. */
export function captureLogs(): { logger: Logger; text(): string } {
  const chunks: string[] = [];
  const logger = createRootLogger({
    level: "debug",
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString("utf8"));
        done();
      },
    }),
  });
  return { logger, text: () => chunks.join("") };
}
