import { createRemoteJWKSet, customFetch, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import { unauthenticated, unavailable } from "../errors/errors.js";

/** Who is calling, as established from a verified access token. */
export interface Principal {
  /** Stable user id (`sub`). */
  readonly subject: string;
  /** Organisation the token is scoped to, when the issuer puts one in (`org` / `yunxi_org`). */
  readonly organisationId?: string;
  /** Role names from `roles` or Keycloak's `realm_access.roles`. */
  readonly roles: readonly string[];
  readonly expiresAt: Date;
  readonly claims: Readonly<JWTPayload>;
}

export interface TokenVerifier {
  /** Resolves to the principal, or rejects with Unauthenticated (bad token) / Unavailable (issuer unreachable). */
  verify(token: string): Promise<Principal>;
}

export interface JwksTokenVerifierOptions {
  /** The issuer URL exactly as it appears in `iss` (Keycloak: `https://host/realms/<realm>`). */
  readonly issuer: string;
  /** Accepted audiences (`aud` or Keycloak's `azp`); any when empty. */
  readonly audiences?: readonly string[];
  /** JWKS URL; discovered from `<issuer>/.well-known/openid-configuration` when absent. */
  readonly jwksUrl?: string;
  readonly timeoutMs?: number;
  readonly clockToleranceSeconds?: number;
}

/**
 * Verifies OIDC access tokens against the issuer's published keys (JWKS) — Keycloak in a cluster, the
 * built-in issuer when embedded. Keys are cached and refetched on an unknown `kid` (key rotation).
 */
export class JwksTokenVerifier implements TokenVerifier {
  readonly #options: JwksTokenVerifierOptions;
  #jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

  constructor(options: JwksTokenVerifierOptions) {
    this.#options = options;
  }

  async #keySet(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    if (this.#jwks) return this.#jwks;
    const timeoutMs = this.#options.timeoutMs ?? 5000;
    let jwksUrl = this.#options.jwksUrl;
    if (!jwksUrl) {
      const discovery = `${this.#options.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
      let response: Response;
      try {
        response = await fetch(discovery, { signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        throw unavailable(`OIDC issuer ${this.#options.issuer} is unreachable`, { cause: error });
      }
      if (!response.ok) throw unavailable(`OIDC discovery at ${discovery} answered ${response.status}`);
      const document = (await response.json()) as { jwks_uri?: unknown };
      if (typeof document.jwks_uri !== "string") throw unavailable(`OIDC discovery at ${discovery} has no jwks_uri`);
      jwksUrl = document.jwks_uri;
    }
    this.#jwks = createRemoteJWKSet(new URL(jwksUrl), {
      timeoutDuration: timeoutMs,
      cooldownDuration: 30_000,
      [customFetch]: (url: string, init: RequestInit) => fetch(url, init),
    });
    return this.#jwks;
  }

  async verify(token: string): Promise<Principal> {
    if (!token || token.split(".").length !== 3) throw unauthenticated("missing or malformed access token");
    const keySet = await this.#keySet();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keySet, {
        issuer: this.#options.issuer,
        clockTolerance: this.#options.clockToleranceSeconds ?? 5,
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWKSTimeout || error instanceof TypeError) {
        throw unavailable(`cannot fetch signing keys of ${this.#options.issuer}`, { cause: error });
      }
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated("access token expired", { cause: error });
      throw unauthenticated("access token rejected", { cause: error });
    }
    const audiences = this.#options.audiences ?? [];
    if (audiences.length > 0) {
      const aud = payload.aud === undefined ? [] : Array.isArray(payload.aud) ? payload.aud : [payload.aud];
      const azp = typeof payload["azp"] === "string" ? [payload["azp"]] : [];
      if (![...aud, ...azp].some((a) => audiences.includes(a))) throw unauthenticated("access token is not meant for this service");
    }
    if (typeof payload.sub !== "string" || payload.exp === undefined) throw unauthenticated("access token lacks sub or exp");
    return principalFromClaims(payload);
  }
}

export function principalFromClaims(payload: JWTPayload): Principal {
  const realmAccess = payload["realm_access"] as { roles?: unknown } | undefined;
  const rawRoles = Array.isArray(payload["roles"]) ? payload["roles"] : Array.isArray(realmAccess?.roles) ? realmAccess.roles : [];
  const organisation = payload["yunxi_org"] ?? payload["org"];
  return {
    subject: String(payload.sub),
    ...(typeof organisation === "string" ? { organisationId: organisation } : {}),
    roles: rawRoles.filter((r): r is string => typeof r === "string"),
    expiresAt: new Date((payload.exp ?? 0) * 1000),
    claims: Object.freeze({ ...payload }),
  };
}
