import { hkdfSync, randomUUID } from "node:crypto";
import { decodeJwt, errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { unauthenticated } from "../errors/errors.js";
import { SERVICE_CLAIM } from "./service-caller.js";
import { principalFromClaims, type Principal, type TokenVerifier } from "./token-verifier.js";

/**
 * The `iss` of internal service tokens. Not a URL on purpose: nobody can publish a JWKS for it, so a token
 * claiming this issuer is only ever checked against the shared key below.
 */
export const SERVICE_TOKEN_ISSUER = "urn:yunxi:service";
const SERVICE_TOKEN_TTL_SECONDS = 120;
const SERVICE_NAME = /^[a-z][a-z0-9-]{1,62}$/;

/** Mints this process's tokens for calling another service's internal RPCs. */
export interface ServiceTokens {
  /** A token for `Authorization: Bearer`; reused for half its life. */
  token(): Promise<string>;
}

/**
 * The key service tokens are signed with, derived from the signing secret every pod shares (Helm provides
 * it; the embedded default keeps one in the data dir). Derived, so it is never the secret itself and is
 * useless for anything else the secret protects.
 */
export function serviceTokenKey(signingSecret: string): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", Buffer.from(signingSecret, "utf8"), Buffer.from("yunxi-service-tokens", "utf8"), "hs256|v1", 32));
}

/**
 * Internal service tokens: an HS256 JWT `{ iss: urn:yunxi:service, sub: service:<name>, yunxi_service: <name> }`
 * that lives two minutes. Every service can mint and check them without an identity provider, in both run
 * modes, so background work (a consumer reading media for OCR) has an identity that is never a user's: the
 * token names no organisation, so {@link authenticate} refuses it and only internal RPCs that call
 * `authenticateService` with this service's name accept it.
 */
export function createServiceTokens(signingSecret: string, service: string, now: () => number = Date.now): ServiceTokens {
  if (!SERVICE_NAME.test(service)) throw new Error(`invalid service name ${JSON.stringify(service)}`);
  const key = serviceTokenKey(signingSecret);
  let cached: { token: string; renewAtMs: number } | undefined;
  return {
    async token() {
      const nowMs = now();
      if (cached && cached.renewAtMs > nowMs) return cached.token;
      const iat = Math.floor(nowMs / 1000);
      const token = await new SignJWT({ [SERVICE_CLAIM]: service })
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setIssuer(SERVICE_TOKEN_ISSUER)
        .setSubject(`service:${service}`)
        .setIssuedAt(iat)
        .setExpirationTime(iat + SERVICE_TOKEN_TTL_SECONDS)
        .setJti(randomUUID())
        .sign(key);
      cached = { token, renewAtMs: nowMs + (SERVICE_TOKEN_TTL_SECONDS * 1000) / 2 };
      return token;
    },
  };
}

/** Checks internal service tokens only; anything else is Unauthenticated. */
export class ServiceTokenVerifier implements TokenVerifier {
  readonly #key: Uint8Array;

  constructor(signingSecret: string) {
    this.#key = serviceTokenKey(signingSecret);
  }

  async verify(token: string): Promise<Principal> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.#key, { issuer: SERVICE_TOKEN_ISSUER, algorithms: ["HS256"], clockTolerance: 5 }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated("service token expired", { cause: error });
      throw unauthenticated("service token rejected", { cause: error });
    }
    const service = payload[SERVICE_CLAIM];
    // A service token names a service and nothing else: no organisation, no roles.
    if (typeof service !== "string" || payload.sub !== `service:${service}` || payload["yunxi_org"] !== undefined || payload["roles"] !== undefined) {
      throw unauthenticated("service token rejected");
    }
    return principalFromClaims(payload);
  }
}

/**
 * Routes each token by its (unverified) issuer: internal service tokens to {@link ServiceTokenVerifier},
 * everything else to the OIDC verifier. The issuer only picks the verifier; the chosen one checks it in full.
 */
export class ServiceAwareTokenVerifier implements TokenVerifier {
  constructor(
    private readonly users: TokenVerifier,
    private readonly services: ServiceTokenVerifier,
  ) {}

  async verify(token: string): Promise<Principal> {
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      issuer = undefined;
    }
    return issuer === SERVICE_TOKEN_ISSUER ? this.services.verify(token) : this.users.verify(token);
  }
}
