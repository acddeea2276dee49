// Fakes of the ports for tests (never used by the module).
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { createDeviceUploadTokens, invalidArgument, notFound, unauthenticated, type CallContext, type DeviceUploadTokens, type Principal, type ServiceTokens, type TokenVerifier } from "@yunxi/platform";
import type { DataKeys, IssuedDataKey, KeyCallContext } from "./ports.js";

/** Tokens are opaque strings registered up front; anything else is Unauthenticated. */
export class FakeTokenVerifier implements TokenVerifier {
  readonly #principals = new Map<string, Principal>();

  /** Registers a user of `organisationId` with built-in roles and returns a call context carrying its token. */
  user(userId: string, organisationId: string, roles: readonly string[]): CallContext {
    const token = `token-${randomBytes(8).toString("hex")}`;
    this.#principals.set(token, { subject: userId, organisationId, roles, expiresAt: new Date(Date.now() + 60_000), claims: { sub: userId } });
    return { requestId: `req-${userId}`, bearerToken: token };
  }

  /** Registers an internal service and returns a call context acting for `organisationId`. */
  service(name: string, organisationId: string): CallContext {
    const token = `service-token-${randomBytes(8).toString("hex")}`;
    this.#principals.set(token, { subject: `service:${name}`, roles: [], expiresAt: new Date(Date.now() + 60_000), claims: { sub: `service:${name}`, yunxi_service: name } });
    return { requestId: `req-${name}`, bearerToken: token, organisationId };
  }

  async verify(token: string): Promise<Principal> {
    const principal = this.#principals.get(token);
    if (!principal) throw unauthenticated("unknown token");
    return principal;
  }
}

/**
 * Data keys wrapped with AES-256-GCM under one master key per organisation, the context bound as AAD,
 * so a key unwrapped for the wrong organisation or item fails as key-management's would.
 */
export class LocalDataKeys implements DataKeys {
  readonly #masters = new Map<string, Buffer>();
  issued = 0;
  unwrapped = 0;
  /** Every plaintext key handed out, to check none shows up where it must not. */
  readonly handedOut: Buffer[] = [];

  #master(organisationId: string): Buffer {
    let key = this.#masters.get(organisationId);
    if (!key) {
      key = randomBytes(32);
      this.#masters.set(organisationId, key);
    }
    return key;
  }

  async issue(context: KeyCallContext, encryptionContext: Buffer): Promise<IssuedDataKey> {
    const plaintext = randomBytes(32);
    const nonce = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.#master(context.organisationId), nonce);
    cipher.setAAD(encryptionContext);
    const body = Buffer.concat([nonce, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    this.issued += 1;
    this.handedOut.push(Buffer.from(plaintext));
    return { plaintext, wrapped: `yunxi:v1:aes-256-gcm:media:1:qkd:${body.toString("base64url")}`, keyName: "media", keyVersion: 1 };
  }

  async unwrap(context: KeyCallContext, keyName: string, wrapped: string, encryptionContext: Buffer): Promise<Buffer> {
    if (keyName !== "media") throw notFound(`key ${keyName} not found`);
    const body = Buffer.from(wrapped.split(":").at(-1) ?? "", "base64url");
    const decipher = createDecipheriv("aes-256-gcm", this.#master(context.organisationId), body.subarray(0, 12));
    decipher.setAAD(encryptionContext);
    decipher.setAuthTag(body.subarray(body.length - 16));
    try {
      const key = Buffer.concat([decipher.update(body.subarray(12, body.length - 16)), decipher.final()]);
      this.unwrapped += 1;
      return key;
    } catch {
      throw invalidArgument("ciphertext does not authenticate");
    }
  }
}

/** The signing secret the fakes share with tests that mint device upload tokens. */
export const TEST_SIGNING_SECRET = "media-tests-signing-secret-of-32-characters";

/** Device upload tokens and media's own service identity, as the module wires them. */
export function fakeServiceDeps(): { deviceUploads: DeviceUploadTokens; serviceTokens: ServiceTokens } {
  return { deviceUploads: createDeviceUploadTokens(TEST_SIGNING_SECRET), serviceTokens: { token: async () => "media-service-token" } };
}
