import { createCipheriv, createDecipheriv, createPrivateKey, generateKeyPairSync, hkdfSync, randomBytes, randomUUID, type KeyObject } from "node:crypto";
import { SignJWT } from "jose";
import { failedPrecondition, type Logger } from "@yunxi/platform";
import type { AccessTokenClaims, AccessTokenIssuer, IssuedToken, SigningKeyStore, StoredSigningKey } from "../../app/ports.js";

/** Lifetime of user access tokens. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** Lifetime of service tokens (identity → organisation). */
export const SERVICE_TOKEN_TTL_SECONDS = 60;

const SEAL_VERSION = 1;
const SEAL_INFO = "yunxi identity signing-key seal v1";
// The platform's SERVICE_CLAIM (auth/service-caller.ts), spelled out until the package index exports it.
const SERVICE_CLAIM = "yunxi_service";

export interface BuiltInOidcIssuerOptions {
  /** `iss` of every token: `builtInIssuerUrl(platform)`. */
  readonly issuer: string;
  readonly keys: SigningKeyStore;
  /** YUNXI_SIGNING_SECRET or the data-dir secret; the key sealing private keys at rest is derived from it. */
  readonly secret: string;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/**
 * The built-in OIDC-compatible issuer (embedded default): one ES256 key generated on first start and kept
 * in identity's database, its private half sealed with AES-256-GCM under a key derived (HKDF-SHA-256) from
 * the platform secret, so a copied database alone yields no signing key. Publishes the public keys as a
 * JWKS and signs user and service access tokens.
 */
export class BuiltInOidcIssuer implements AccessTokenIssuer {
  readonly #options: BuiltInOidcIssuerOptions;
  readonly #sealKey: Buffer;
  #current: { kid: string; privateKey: KeyObject } | undefined;
  #serviceToken: { token: string; renewAt: number } | undefined;

  constructor(options: BuiltInOidcIssuerOptions) {
    this.#options = options;
    this.#sealKey = Buffer.from(hkdfSync("sha256", options.secret, "yunxi-identity", SEAL_INFO, 32));
  }

  get issuer(): string {
    return this.#options.issuer;
  }

  /** Loads the current key, creating it on the very first start. Fails if the secret changed since. */
  async start(): Promise<void> {
    let current = (await this.#options.keys.list()).find((k) => k.current);
    if (!current) {
      const created = this.#generate();
      if (!(await this.#options.keys.insertCurrent(created))) {
        // Another replica created the key first: use theirs, so every replica signs with one key.
        current = (await this.#options.keys.list()).find((k) => k.current);
        if (!current) throw failedPrecondition("no current signing key after a concurrent creation");
      } else {
        current = created;
        this.#options.logger.info({ kid: created.kid }, "built-in issuer signing key created");
      }
    }
    this.#current = { kid: current.kid, privateKey: this.#unseal(current) };
  }

  /** The JWKS document: public keys only. */
  async jwks(): Promise<{ keys: Record<string, unknown>[] }> {
    const keys = await this.#options.keys.list();
    return { keys: keys.map((k) => ({ ...k.publicJwk, kid: k.kid, alg: k.alg, use: "sig" })) };
  }

  async issueAccessToken(claims: AccessTokenClaims): Promise<IssuedToken> {
    const extra: Record<string, unknown> = { roles: [...claims.roles] };
    if (claims.organisationId) extra["yunxi_org"] = claims.organisationId;
    if (claims.name) extra["name"] = claims.name;
    return { token: await this.#sign(claims.subject, extra, ACCESS_TOKEN_TTL_SECONDS), expiresInSeconds: ACCESS_TOKEN_TTL_SECONDS };
  }

  /** A token for identity's own calls to internal RPCs (organisation): no organisation, 60 s; reused for half its life. */
  async serviceToken(): Promise<string> {
    const nowMs = this.#now().getTime();
    if (this.#serviceToken && this.#serviceToken.renewAt > nowMs) return this.#serviceToken.token;
    const token = await this.#sign("service:identity", { [SERVICE_CLAIM]: "identity" }, SERVICE_TOKEN_TTL_SECONDS);
    this.#serviceToken = { token, renewAt: nowMs + (SERVICE_TOKEN_TTL_SECONDS * 1000) / 2 };
    return token;
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  async #sign(subject: string, claims: Record<string, unknown>, ttlSeconds: number): Promise<string> {
    if (!this.#current) throw failedPrecondition("the built-in issuer has not started");
    const iat = Math.floor(this.#now().getTime() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "ES256", kid: this.#current.kid, typ: "JWT" })
      .setIssuer(this.#options.issuer)
      .setSubject(subject)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlSeconds)
      .setJti(randomUUID())
      .sign(this.#current.privateKey);
  }

  #generate(): StoredSigningKey {
    const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const kid = randomUUID();
    const pkcs8 = privateKey.export({ format: "der", type: "pkcs8" });
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.#sealKey, iv);
    cipher.setAAD(Buffer.from(kid));
    const sealed = Buffer.concat([Buffer.from([SEAL_VERSION]), iv, cipher.update(pkcs8), cipher.final(), cipher.getAuthTag()]);
    pkcs8.fill(0);
    const { kty, crv, x, y } = publicKey.export({ format: "jwk" });
    return { kid, alg: "ES256", publicJwk: { kty, crv, x, y }, sealedPrivateKey: sealed, current: true, createdAt: this.#now() };
  }

  #unseal(key: StoredSigningKey): KeyObject {
    const sealed = Buffer.from(key.sealedPrivateKey);
    if (sealed[0] !== SEAL_VERSION || sealed.length < 1 + 12 + 16 + 1) throw failedPrecondition(`signing key ${key.kid} is not in a known sealed format`);
    const decipher = createDecipheriv("aes-256-gcm", this.#sealKey, sealed.subarray(1, 13));
    decipher.setAAD(Buffer.from(key.kid));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    let pkcs8: Buffer;
    try {
      pkcs8 = Buffer.concat([decipher.update(sealed.subarray(13, sealed.length - 16)), decipher.final()]);
    } catch (error) {
      throw failedPrecondition(`signing key ${key.kid} cannot be unsealed: YUNXI_SIGNING_SECRET (or the data-dir secret) differs from the one it was sealed with`, { cause: error });
    }
    const privateKey = createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" });
    pkcs8.fill(0);
    return privateKey;
  }
}
