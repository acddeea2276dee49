import type { SqlDatabase, SqlExecutor, SqlTransaction } from "../db/sql.js";
import { invalidArgument } from "../errors/errors.js";
import { EVENT_HEADERS } from "./envelope.js";
import type { DeliveredMessage } from "./event-bus.js";

/**
 * The processed-event table, in the consuming service's own schema. Idempotent SQL: run it through
 * {@link ensureProcessedEventTables} (embedded, tests) or put it in a migration (see docs/events.md).
 */
export const PROCESSED_EVENT_SCHEMA_SQL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS processed_event (
    consumer_group text NOT NULL,
    event_id text NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, event_id)
  )`,
  `CREATE INDEX IF NOT EXISTS processed_event_processed_at ON processed_event (processed_at)`,
];

/** Creates the processed-event table in the schema `db` is bound to, if missing. */
export async function ensureProcessedEventTables(db: SqlExecutor): Promise<void> {
  for (const statement of PROCESSED_EVENT_SCHEMA_SQL) await db.query(statement);
}

/**
 * Runs `work` for an event at most once per consumer group: the event id is recorded in the same
 * transaction as whatever `work` writes, so either both commit or neither does. Returns false (and does
 * not run `work`) when the id was already recorded, i.e. for a redelivery. If `work` throws, nothing is
 * recorded and the error propagates, so the bus delivers the event again.
 *
 * On PostgreSQL a concurrent second delivery waits on the first one's row lock and then sees it recorded.
 */
export async function handleOnce(
  db: SqlDatabase,
  group: string,
  eventId: string,
  work: (tx: SqlTransaction) => Promise<void>,
): Promise<boolean> {
  if (!group) throw invalidArgument("handleOnce needs a consumer group");
  if (!eventId) throw invalidArgument("handleOnce needs an event id");
  return db.transaction(async (tx) => {
    const inserted = await tx.query(
      `INSERT INTO processed_event (consumer_group, event_id) VALUES ($1, $2)
       ON CONFLICT (consumer_group, event_id) DO NOTHING RETURNING event_id`,
      [group, eventId],
    );
    if (inserted.length === 0) return false;
    await work(tx);
    return true;
  });
}

/**
 * Wraps a bus handler so each event (by its `ce_id` header) is handled once per group, its writes and
 * the processed-event record in one transaction. A message without an event id is rejected loudly.
 */
export function idempotentHandler(
  db: SqlDatabase,
  group: string,
  handle: (message: DeliveredMessage, tx: SqlTransaction) => Promise<void>,
): (message: DeliveredMessage) => Promise<void> {
  return async (message) => {
    const eventId = message.headers[EVENT_HEADERS.id];
    if (!eventId) throw invalidArgument(`message at ${message.topic} ${message.position} has no ${EVENT_HEADERS.id} header`);
    await handleOnce(db, group, eventId, (tx) => handle(message, tx));
  };
}

/**
 * Forgets processed ids older than `olderThanMs`. Keep them longer than the bus can redeliver (Kafka
 * retention, outbox relay backlog), or a very late duplicate would be handled again. Returns the count.
 */
export async function pruneProcessedEvents(db: SqlExecutor, olderThanMs: number): Promise<number> {
  const rows = await db.query(
    `DELETE FROM processed_event WHERE processed_at < now() - $1 * interval '1 millisecond' RETURNING event_id`,
    [olderThanMs],
  );
  return rows.length;
}
