import { invalidArgument } from "../errors/errors.js";

/**
 * Short-lived shared state: nonces, rate-limit counters, one-shot codes. Two implementations, checked by one
 * contract suite (`key-value-store.contract.ts`): `MemoryKeyValueStore` (embedded default) and
 * `RedisKeyValueStore` (cluster). Every key lives in the namespace the store was built with, so services never
 * collide, and every write carries a TTL, so nothing here outlives its purpose.
 */
export interface KeyValueStore {
  /** The namespace every key of this store is filed under. */
  readonly namespace: string;
  /** The value, or undefined when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** Stores a value, replacing any previous one and its TTL. */
  set(key: string, value: string, options: TtlOptions): Promise<void>;
  /**
   * Stores the value only when the key is absent; true when this call stored it. Atomic: of any number of
   * concurrent callers exactly one gets true (use it to accept a nonce once).
   */
  setIfAbsent(key: string, value: string, options: TtlOptions): Promise<boolean>;
  /**
   * Adds one and returns the new count; the TTL is set by the call that creates the counter and is not
   * extended later, which makes a fixed-window rate limit. FailedPrecondition when the key holds a non-number.
   */
  increment(key: string, options: TtlOptions): Promise<number>;
  /** Returns the value and deletes it in one atomic step: of concurrent callers only one receives it. */
  take(key: string): Promise<string | undefined>;
  /** Removes the key; removing a missing key succeeds. */
  delete(key: string): Promise<void>;
  /** Releases connections and timers. The store refuses calls afterwards. */
  close(): Promise<void>;
}

export interface TtlOptions {
  /** Lifetime in seconds, from 0.001 up to 30 days; millisecond resolution. */
  readonly ttlSeconds: number;
}

export const MAX_KV_KEY_LENGTH = 512;
export const MAX_KV_VALUE_BYTES = 64 * 1024;
export const MAX_KV_TTL_SECONDS = 30 * 24 * 3600;

const NAMESPACE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/** Throws InvalidArgument unless the namespace is 1-100 characters of `A-Z a-z 0-9 . _ : -`, starting alphanumeric. */
export function validateNamespace(namespace: unknown): asserts namespace is string {
  if (typeof namespace !== "string" || !NAMESPACE.test(namespace)) {
    throw invalidArgument("invalid key-value namespace", {
      violations: [{ field: "namespace", message: "must be 1-100 characters of A-Z a-z 0-9 . _ : - starting with a letter or digit" }],
    });
  }
}

/** Throws InvalidArgument unless the key is 1-512 characters without control characters. */
export function validateKvKey(key: unknown): asserts key is string {
  if (typeof key !== "string" || key.length === 0 || key.length > MAX_KV_KEY_LENGTH || hasControlCharacter(key)) {
    throw invalidArgument("invalid key", { violations: [{ field: "key", message: `must be 1-${MAX_KV_KEY_LENGTH} characters without control characters` }] });
  }
}

/** Throws InvalidArgument unless the value is a string of at most 64 KiB (UTF-8). */
export function validateKvValue(value: unknown): asserts value is string {
  if (typeof value !== "string" || Buffer.byteLength(value, "utf8") > MAX_KV_VALUE_BYTES) {
    throw invalidArgument("invalid value", { violations: [{ field: "value", message: `must be a string of at most ${MAX_KV_VALUE_BYTES} bytes` }] });
  }
}

/** Validates the TTL and returns it in whole milliseconds (at least 1). */
export function ttlMilliseconds(options: TtlOptions | undefined): number {
  const seconds = options?.ttlSeconds;
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_KV_TTL_SECONDS) {
    throw invalidArgument("invalid TTL", { violations: [{ field: "ttlSeconds", message: `must be more than 0 and at most ${MAX_KV_TTL_SECONDS} seconds` }] });
  }
  return Math.max(1, Math.round(seconds * 1000));
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
