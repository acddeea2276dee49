import type { Logger } from "../logging/logger.js";
import type { KeyValueStore } from "./key-value-store.js";
import { MemoryKeySpace, MemoryKeyValueStore } from "./memory-key-value-store.js";
import { RedisKeyValueStore } from "./redis-key-value-store.js";

/** The process settings the key-value store reads: a structural subset of the platform's `YUNXI_*` config. */
export interface KeyValueStoreSettings {
  /** Redis when set, process memory otherwise. */
  readonly REDIS_URL?: string | undefined;
  readonly CONNECT_TIMEOUT_MS?: number | undefined;
}

/**
 * Returns a function that opens one store per namespace (use the module name). In memory every store shares one
 * space, as the services of a cluster share one Redis; with Redis each store holds its own connection.
 */
export function keyValueStoreOpener(settings: KeyValueStoreSettings, options: { readonly logger?: Logger } = {}): (namespace: string) => KeyValueStore {
  const redisUrl = settings.REDIS_URL;
  if (redisUrl === undefined) {
    const space = new MemoryKeySpace();
    return (namespace) => new MemoryKeyValueStore({ namespace, space });
  }
  return (namespace) =>
    new RedisKeyValueStore({
      url: redisUrl,
      namespace,
      ...(settings.CONNECT_TIMEOUT_MS === undefined ? {} : { connectTimeoutMs: settings.CONNECT_TIMEOUT_MS }),
      ...(options.logger ? { logger: options.logger } : {}),
    });
}
