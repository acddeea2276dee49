import { Redis } from "ioredis";
import { failedPrecondition, invalidArgument, isYunxiError, unavailable } from "../errors/errors.js";
import type { Logger } from "../logging/logger.js";
import {
  ttlMilliseconds,
  validateKvKey,
  validateKvValue,
  validateNamespace,
  type KeyValueStore,
  type TtlOptions,
} from "./key-value-store.js";

export interface RedisKeyValueStoreOptions {
  /** `redis://[[user]:password@]host:port[/db]` or `rediss://…` for TLS. The password is never logged. */
  readonly url: string;
  /** Keys are filed under this namespace, e.g. `identity.sms-codes`. */
  readonly namespace: string;
  /** How long the first connection may take before calls fail with Unavailable (default 3000 ms). */
  readonly connectTimeoutMs?: number;
  /** How long one command may take (default 2000 ms). */
  readonly commandTimeoutMs?: number;
  readonly logger?: Logger;
}

/**
 * Counts and sets the window's expiry in one step. The PTTL check also repairs a counter left without a TTL,
 * which would otherwise rate-limit forever.
 */
const INCREMENT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

/**
 * The cluster key-value store on Redis (6.2 or newer, for GETDEL). Connects lazily on first use with a bounded
 * timeout, so an unreachable server fails calls with an Unavailable error naming `host:port` instead of
 * hanging; after a failed first connection the next call tries again.
 */
export class RedisKeyValueStore implements KeyValueStore {
  readonly namespace: string;
  readonly #client: Redis;
  readonly #address: string;
  readonly #connectTimeoutMs: number;
  readonly #logger: Logger | undefined;
  #connecting: Promise<void> | undefined;
  #lastError: Error | undefined;
  #closed = false;

  constructor(options: RedisKeyValueStoreOptions) {
    validateNamespace(options?.namespace);
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw invalidArgument("the Redis URL is not a URL", { violations: [{ field: "url", message: "must look like redis://host:port" }] });
    }
    if (url.protocol !== "redis:" && url.protocol !== "rediss:") {
      throw invalidArgument("the Redis URL must start with redis:// or rediss://", { violations: [{ field: "url", message: "wrong scheme" }] });
    }
    this.namespace = options.namespace;
    this.#address = `${url.hostname}:${url.port || "6379"}`;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 3000;
    this.#logger = options.logger;
    this.#client = new Redis(options.url, {
      lazyConnect: true,
      connectTimeout: this.#connectTimeoutMs,
      commandTimeout: options.commandTimeoutMs ?? 2000,
      // A command waits for at most one reconnect attempt, then fails: callers decide whether to retry.
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt) => (attempt > 20 ? null : Math.min(attempt * 200, 2000)),
      enableAutoPipelining: false,
    });
    // Without a listener ioredis prints every connection error itself; keep the latest for our own message.
    this.#client.on("error", (error: Error) => {
      this.#lastError = error;
    });
  }

  async get(key: string): Promise<string | undefined> {
    const fullKey = this.#key(key);
    return (await this.#run(() => this.#client.get(fullKey))) ?? undefined;
  }

  async set(key: string, value: string, options: TtlOptions): Promise<void> {
    const fullKey = this.#key(key);
    validateKvValue(value);
    const ttlMs = ttlMilliseconds(options);
    await this.#run(() => this.#client.set(fullKey, value, "PX", ttlMs));
  }

  async setIfAbsent(key: string, value: string, options: TtlOptions): Promise<boolean> {
    const fullKey = this.#key(key);
    validateKvValue(value);
    const ttlMs = ttlMilliseconds(options);
    return (await this.#run(() => this.#client.set(fullKey, value, "PX", ttlMs, "NX"))) === "OK";
  }

  async increment(key: string, options: TtlOptions): Promise<number> {
    const fullKey = this.#key(key);
    const ttlMs = ttlMilliseconds(options);
    try {
      return Number(await this.#run(() => this.#client.eval(INCREMENT_SCRIPT, 1, fullKey, ttlMs)));
    } catch (error) {
      if (error instanceof Error && !isYunxiError(error) && /not an integer|out of range/i.test(error.message)) {
        throw failedPrecondition(`key ${key} does not hold a counter`, { cause: error });
      }
      throw error;
    }
  }

  async take(key: string): Promise<string | undefined> {
    const fullKey = this.#key(key);
    return (await this.#run(() => this.#client.getdel(fullKey))) ?? undefined;
  }

  async delete(key: string): Promise<void> {
    const fullKey = this.#key(key);
    await this.#run(() => this.#client.del(fullKey));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#client.status === "ready") {
      await this.#client.quit().catch(() => this.#client.disconnect());
    } else {
      this.#client.disconnect();
    }
  }

  /** `|` cannot appear in a namespace, so `<namespace>|<key>` never collides across namespaces. */
  #key(key: string): string {
    if (this.#closed) throw failedPrecondition(`key-value store ${this.namespace} is closed`);
    validateKvKey(key);
    return `${this.namespace}|${key}`;
  }

  async #run<T>(command: () => Promise<T>): Promise<T> {
    await this.#ensureConnected();
    try {
      return await command();
    } catch (error) {
      if (error instanceof Error && /timed out|connection is closed|max retries|stream isn't writeable|ECONN|ETIMEDOUT/i.test(error.message)) {
        throw unavailable(`Redis at ${this.#address} did not answer (${error.message})`, { cause: error });
      }
      throw error;
    }
  }

  #ensureConnected(): Promise<void> {
    if (this.#client.status === "ready") return Promise.resolve();
    this.#connecting ??= this.#connect().catch((error: unknown) => {
      this.#connecting = undefined;
      throw error;
    });
    return this.#connecting;
  }

  async #connect(): Promise<void> {
    // A client still reconnecting on its own is restarted, so this attempt has one bounded deadline.
    if (this.#client.status !== "wait" && this.#client.status !== "end") this.#client.disconnect();
    this.#lastError = undefined;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.#connectTimeoutMs} ms`)), this.#connectTimeoutMs);
    });
    const ready = this.#client.connect();
    try {
      await Promise.race([ready, timeout]);
    } catch (error) {
      // Stop ioredis retrying in the background; the next call starts a fresh attempt.
      this.#client.disconnect();
      const reason = (this.#lastError as { code?: string } | undefined)?.code ?? (error as Error).message;
      this.#logger?.warn({ address: this.#address, reason }, "redis unreachable");
      throw unavailable(`Redis at ${this.#address} is unreachable (${reason})`, { cause: error });
    } finally {
      clearTimeout(timer);
      ready.catch(() => undefined);
    }
  }
}
