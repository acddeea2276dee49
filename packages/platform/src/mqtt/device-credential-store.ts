import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/**
 * A stored device credential. `verifier` is a self-describing scrypt hash of the secret
 * (`scrypt$N$r$p$salt$hash`, base64url); the secret itself is never stored.
 */
export interface DeviceCredential {
  readonly deviceId: string;
  readonly verifier: string;
  readonly updatedAt: Date;
}

/**
 * Where the embedded broker keeps device credentials. In memory today; the device-control service will
 * provide a persistent implementation, which is why this is a port of its own and not a Map inside the broker.
 */
export interface DeviceCredentialStore {
  /** Creates or replaces the credential of `credential.deviceId`. */
  put(credential: DeviceCredential): Promise<void>;
  get(deviceId: string): Promise<DeviceCredential | undefined>;
  /** Returns false when there was nothing to delete. */
  delete(deviceId: string): Promise<boolean>;
}

/** The in-memory {@link DeviceCredentialStore}: lost on restart, fine for tests and a single embedded process. */
export class MemoryDeviceCredentialStore implements DeviceCredentialStore {
  readonly #credentials = new Map<string, DeviceCredential>();

  async put(credential: DeviceCredential): Promise<void> {
    this.#credentials.set(credential.deviceId, credential);
  }

  async get(deviceId: string): Promise<DeviceCredential | undefined> {
    return this.#credentials.get(deviceId);
  }

  async delete(deviceId: string): Promise<boolean> {
    return this.#credentials.delete(deviceId);
  }
}

// 2^14 with r=8 is scrypt's interactive-login setting (16 MiB, tens of ms, off the event loop);
// device secrets are machine-generated, so a stronger setting would only slow reconnect storms.
const SCRYPT_N = 16384;
const SCRYPT_R = 8;
const SCRYPT_P = 1;
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

function scryptAsync(secret: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_LENGTH, { N: n, r, p, maxmem: MAX_MEMORY }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Derives a verifier for `secret` with a fresh random salt. */
export async function makeSecretVerifier(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(secret, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P);
  return ["scrypt", SCRYPT_N, SCRYPT_R, SCRYPT_P, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

/** Constant-time check of `secret` against a verifier from {@link makeSecretVerifier}; false for malformed verifiers. */
export async function verifySecret(verifier: string, secret: string): Promise<boolean> {
  const parts = verifier.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [n, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  // Bounds keep a corrupted or hostile stored verifier from demanding unbounded memory or time.
  if (![n, r, p].every(Number.isInteger) || n < 2 || n > 1 << 20 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const salt = Buffer.from(parts[4] ?? "", "base64url");
  const expected = Buffer.from(parts[5] ?? "", "base64url");
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await scryptAsync(secret, salt, n, r, p);
  return timingSafeEqual(actual, expected);
}
