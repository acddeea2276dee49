import type { BlobStore } from "../blobs/blob-store.js";
import type { SqlDatabase } from "../db/sql.js";
import type { EventBus } from "../events/event-bus.js";
import type { KeyValueStore } from "../kv/key-value-store.js";
import type { DeviceBroker } from "../mqtt/device-broker.js";

/** A shared resource a module can declare in `uses`, so startup opens and checks it first. */
export type Dependency = "database" | "events" | "blobs" | "cache" | "mqtt";

/**
 * The shared resources of one process, opened lazily on first use and closed once at shutdown.
 * Each is external (PostgreSQL, Kafka, S3, Redis, MQTT broker) when configured, embedded otherwise.
 */
export interface Infrastructure {
  /** The database handle bound to one schema (a service owns exactly one). */
  database(schema: string): Promise<SqlDatabase>;
  eventBus(): Promise<EventBus>;
  blobStore(): Promise<BlobStore>;
  /** A key-value store whose keys are confined to `namespace` (use the module name). */
  keyValue(namespace: string): Promise<KeyValueStore>;
  deviceBroker(): Promise<DeviceBroker>;
  /** Opens one dependency on behalf of a module; rejects with an error naming the unreachable server. */
  open(dependency: Dependency, moduleName: string): Promise<void>;
  close(): Promise<void>;
}
