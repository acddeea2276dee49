import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

interface Entry {
  readonly digest: Buffer;
  readonly verifier: string;
}

/**
 * Remembers the latest secret each device proved, so a reconnect does not pay scrypt again (~50 ms of CPU
 * idle, ~290 ms on a loaded machine: a fleet reconnecting after a broker restart took minutes of CPU).
 *
 * Holds an HMAC of the secret under a key made per process and never stored, not the secret: a memory dump
 * gives nothing to log in with. An entry counts only together with the stored verifier it was checked
 * against, so a rotated or revoked credential invalidates it even if {@link forget} was not called (another
 * broker instance sharing the store changed it). Bounded: the least recently used entry goes first.
 */
export class VerifiedSecretCache {
  readonly #key = randomBytes(32);
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;

  constructor(maxEntries = 10_000) {
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) throw new RangeError("maxEntries must be a whole number of at least 1");
    this.#maxEntries = maxEntries;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** True when `secret` was verified for `deviceId` against this same stored `verifier`. */
  matches(deviceId: string, secret: string, verifier: string): boolean {
    const entry = this.#entries.get(deviceId);
    if (!entry || entry.verifier !== verifier) return false;
    if (!timingSafeEqual(entry.digest, this.#digest(deviceId, secret))) return false;
    this.#entries.delete(deviceId);
    this.#entries.set(deviceId, entry);
    return true;
  }

  /** Records a successful check of `secret` against `verifier` (replacing the device's previous entry). */
  remember(deviceId: string, secret: string, verifier: string): void {
    this.#entries.delete(deviceId);
    this.#entries.set(deviceId, { digest: this.#digest(deviceId, secret), verifier });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  /** Drops what is known about `deviceId` (registration, rotation, revocation). */
  forget(deviceId: string): void {
    this.#entries.delete(deviceId);
  }

  #digest(deviceId: string, secret: string): Buffer {
    return createHmac("sha256", this.#key).update(deviceId).update("\0").update(secret).digest();
  }
}
