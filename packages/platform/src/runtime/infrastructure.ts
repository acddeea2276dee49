import type { SqlDatabase } from "../db/sql.js";
import type { EventBus } from "../events/event-bus.js";

/**
 * The shared resources of one process, opened lazily on first use and closed once at shutdown.
 * Each is external (PostgreSQL, Kafka, S3, Redis, MQTT broker) when configured, embedded otherwise.
 */
export interface Infrastructure {
  /** The database handle bound to one schema (a service owns exactly one). */
  database(schema: string): Promise<SqlDatabase>;
  eventBus(): Promise<EventBus>;
  close(): Promise<void>;
}
