import { failedPrecondition } from "../errors/errors.js";
import {
  ttlMilliseconds,
  validateKvKey,
  validateKvValue,
  validateNamespace,
  type KeyValueStore,
  type TtlOptions,
} from "./key-value-store.js";

interface Entry {
  value: string;
  expiresAt: number;
}

/**
 * The entries of one process, shared by every {@link MemoryKeyValueStore} built on it, as one Redis is shared
 * by every service in a cluster. Expired entries vanish on access and in a periodic sweep; the sweep timer is
 * unref'd and runs only while entries exist, so it never keeps the process alive.
 */
export class MemoryKeySpace {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;
  readonly #sweepIntervalMs: number;
  #sweepTimer: NodeJS.Timeout | undefined;

  constructor(options: { readonly now?: () => number; readonly sweepIntervalMs?: number } = {}) {
    this.#now = options.now ?? Date.now;
    this.#sweepIntervalMs = options.sweepIntervalMs ?? 30_000;
  }

  /** Entries held, including expired ones not yet swept; for tests and diagnostics. */
  get size(): number {
    return this.#entries.size;
  }

  /** Whether a sweep is scheduled; for tests. */
  get sweeping(): boolean {
    return this.#sweepTimer !== undefined;
  }

  read(key: string): string | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  write(key: string, value: string, ttlMs: number): void {
    this.#entries.set(key, { value, expiresAt: this.#now() + ttlMs });
    this.#scheduleSweep();
  }

  /** Replaces the value but keeps the expiry; the caller has just read the key, so it is live. */
  replaceValue(key: string, value: string): void {
    const entry = this.#entries.get(key);
    if (entry) entry.value = value;
  }

  remove(key: string): void {
    this.#entries.delete(key);
  }

  /** Drops every expired entry. */
  sweep(): void {
    const now = this.#now();
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
  }

  /** Drops everything and stops the sweep timer. */
  clear(): void {
    this.#entries.clear();
    if (this.#sweepTimer) clearTimeout(this.#sweepTimer);
    this.#sweepTimer = undefined;
  }

  #scheduleSweep(): void {
    if (this.#sweepTimer) return;
    this.#sweepTimer = setTimeout(() => {
      this.#sweepTimer = undefined;
      this.sweep();
      if (this.#entries.size > 0) this.#scheduleSweep();
    }, this.#sweepIntervalMs);
    this.#sweepTimer.unref();
  }
}

export interface MemoryKeyValueStoreOptions {
  /** Keys are filed under this namespace, e.g. `identity.sms-codes`. */
  readonly namespace: string;
  /** Share one space between the stores of a process; a private one is created when absent. */
  readonly space?: MemoryKeySpace;
}

/**
 * The embedded key-value store. Node runs JavaScript on one thread and no method awaits between reading and
 * writing, so every operation is atomic just as Redis's are.
 */
export class MemoryKeyValueStore implements KeyValueStore {
  readonly namespace: string;
  readonly #space: MemoryKeySpace;
  readonly #ownsSpace: boolean;
  #closed = false;

  constructor(options: MemoryKeyValueStoreOptions) {
    validateNamespace(options?.namespace);
    this.namespace = options.namespace;
    this.#ownsSpace = options.space === undefined;
    this.#space = options.space ?? new MemoryKeySpace();
  }

  async get(key: string): Promise<string | undefined> {
    return this.#space.read(this.#key(key));
  }

  async set(key: string, value: string, options: TtlOptions): Promise<void> {
    const fullKey = this.#key(key);
    validateKvValue(value);
    this.#space.write(fullKey, value, ttlMilliseconds(options));
  }

  async setIfAbsent(key: string, value: string, options: TtlOptions): Promise<boolean> {
    const fullKey = this.#key(key);
    validateKvValue(value);
    const ttlMs = ttlMilliseconds(options);
    if (this.#space.read(fullKey) !== undefined) return false;
    this.#space.write(fullKey, value, ttlMs);
    return true;
  }

  async increment(key: string, options: TtlOptions): Promise<number> {
    const fullKey = this.#key(key);
    const ttlMs = ttlMilliseconds(options);
    const current = this.#space.read(fullKey);
    if (current === undefined) {
      this.#space.write(fullKey, "1", ttlMs);
      return 1;
    }
    if (!/^-?\d{1,15}$/.test(current)) throw failedPrecondition(`key ${key} does not hold a counter`);
    const next = Number(current) + 1;
    this.#space.replaceValue(fullKey, String(next));
    return next;
  }

  async take(key: string): Promise<string | undefined> {
    const fullKey = this.#key(key);
    const value = this.#space.read(fullKey);
    if (value !== undefined) this.#space.remove(fullKey);
    return value;
  }

  async delete(key: string): Promise<void> {
    this.#space.remove(this.#key(key));
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#ownsSpace) this.#space.clear();
  }

  /** `|` cannot appear in a namespace, so `<namespace>|<key>` never collides across namespaces. */
  #key(key: string): string {
    if (this.#closed) throw failedPrecondition(`key-value store ${this.namespace} is closed`);
    validateKvKey(key);
    return `${this.namespace}|${key}`;
  }
}
