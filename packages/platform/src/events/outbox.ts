import { randomUUID } from "node:crypto";
import type { SqlDatabase, SqlExecutor } from "../db/sql.js";
import { invalidArgument } from "../errors/errors.js";
import type { Logger } from "../logging/logger.js";
import { backoffDelay, Wakeup, withTimeout } from "./backoff.js";
import { EVENT_HEADERS } from "./envelope.js";
import type { BusMessage, EventBus } from "./event-bus.js";

/**
 * The outbox tables, in each service's own schema. Idempotent SQL: run it through
 * {@link ensureOutboxTables} (embedded, tests) or put it in the service's first migration (docs/events.md).
 *
 * `outbox_relay_lease` is a one-row lease: only its holder publishes, so two relays never interleave
 * and a key's events leave in sequence order.
 */
export const OUTBOX_SCHEMA_SQL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS outbox_event (
    sequence bigserial PRIMARY KEY,
    id uuid NOT NULL UNIQUE,
    topic text NOT NULL,
    key text NOT NULL,
    headers jsonb NOT NULL,
    payload bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
  )`,
  `CREATE INDEX IF NOT EXISTS outbox_event_unpublished ON outbox_event (sequence) WHERE published_at IS NULL`,
  `CREATE TABLE IF NOT EXISTS outbox_relay_lease (
    name text PRIMARY KEY,
    holder text,
    expires_at timestamptz NOT NULL DEFAULT 'epoch'
  )`,
  `INSERT INTO outbox_relay_lease (name) VALUES ('relay') ON CONFLICT (name) DO NOTHING`,
];

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Creates the outbox tables in the schema `db` is bound to, if missing. */
export async function ensureOutboxTables(db: SqlExecutor): Promise<void> {
  for (const statement of OUTBOX_SCHEMA_SQL) await db.query(statement);
}

/**
 * Records events to publish, on the transaction that makes the state change they announce: both commit
 * or neither does. Build messages with `encodeEvent`; the row id is the event id (`ce_id`) so a
 * duplicate append of the same event fails instead of publishing it twice. Returns the event ids.
 */
export async function appendToOutbox(tx: SqlExecutor, messages: BusMessage | readonly BusMessage[]): Promise<string[]> {
  const list: readonly BusMessage[] = Array.isArray(messages) ? messages : [messages as BusMessage];
  if (list.length === 0) return [];
  const params: unknown[] = [];
  const ids: string[] = [];
  const rows = list.map((message) => {
    if (!message.topic) throw invalidArgument("outbox event has no topic");
    if (!message.key) throw invalidArgument(`outbox event for ${message.topic} has no key (the aggregate id)`);
    const id = message.headers[EVENT_HEADERS.id] ?? randomUUID();
    if (!UUID_PATTERN.test(id)) throw invalidArgument(`outbox event id ${id} is not a UUID`);
    ids.push(id);
    params.push(id, message.topic, message.key, JSON.stringify({ ...message.headers, [EVENT_HEADERS.id]: id }), message.value);
    const n = params.length;
    return `($${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}::jsonb, $${n})`;
  });
  await tx.query(`INSERT INTO outbox_event (id, topic, key, headers, payload) VALUES ${rows.join(", ")}`, params);
  return ids;
}

export interface OutboxRelayOptions {
  /** The service's database handle (bound to its schema), where `outbox_event` lives. */
  readonly db: SqlDatabase;
  readonly bus: EventBus;
  readonly logger: Logger;
  /** Rows per publish call. Default 100. */
  readonly batchSize?: number;
  /** How often to look for rows nobody nudged about (another process, a crash). Default 1 s. */
  readonly pollIntervalMs?: number;
  /** How long the lease lasts without renewal; another relay takes over after it. Default 30 s. */
  readonly leaseMs?: number;
  /** Published rows are deleted after this long (they are the relay's memory, not an archive). Default 7 days. */
  readonly retainPublishedMs?: number;
}

interface OutboxRow extends Record<string, unknown> {
  sequence: bigint;
  topic: string;
  key: string;
  headers: Record<string, string> | string;
  payload: Uint8Array;
}

/**
 * Publishes a service's outbox to the bus, oldest first, and marks rows published only after `publish`
 * resolved. A crash between the two publishes those rows again on restart (at-least-once); consumers
 * absorb that with `handleOnce`.
 *
 * Several relays may run on one schema (replicas): a lease row elects one publisher at a time. The lease
 * is a row, not a transaction-scoped lock, because the relay must not hold a transaction while it
 * publishes: with the embedded bus the publish writes to the same single-connection PGlite.
 */
export class OutboxRelay {
  readonly #options: OutboxRelayOptions;
  readonly #logger: Logger;
  readonly #holder = randomUUID();
  #leaseRowEnsured = false;
  readonly #wakeup = new Wakeup();
  #nudged = false;
  #running: Promise<void> | undefined;
  #stopping = false;
  #lastPrune = 0;

  constructor(options: OutboxRelayOptions) {
    this.#options = options;
    this.#logger = options.logger.child({ component: "outbox-relay" });
  }

  /** Starts the background loop; call `nudge()` after committing a transaction that appended events. */
  start(): void {
    if (this.#running || this.#stopping) return;
    this.#running = this.#loop();
  }

  /** Asks the loop to look at the outbox now instead of at the next poll. */
  nudge(): void {
    this.#nudged = true;
    this.#wakeup.wake();
  }

  /**
   * One round: if this relay holds (or can take) the lease, publishes up to one batch and marks it.
   * Returns how many rows were published; 0 when the outbox is empty or another relay holds the lease.
   */
  async relayOnce(): Promise<number> {
    const { db, bus } = this.#options;
    const leaseMs = this.#options.leaseMs ?? 30_000;
    if (!this.#leaseRowEnsured) {
      // The lease is an UPDATE of one row; a migration that created the table but not the row would
      // leave every relay waiting for a lease that can never be taken, so make sure the row exists.
      await db.query(`INSERT INTO outbox_relay_lease (name) VALUES ('relay') ON CONFLICT (name) DO NOTHING`);
      this.#leaseRowEnsured = true;
    }
    const lease = await db.query(
      `UPDATE outbox_relay_lease SET holder = $1, expires_at = now() + $2 * interval '1 millisecond'
       WHERE name = 'relay' AND (holder = $1 OR expires_at < now()) RETURNING holder`,
      [this.#holder, leaseMs],
    );
    if (lease.length === 0) return 0;
    const rows = await db.query<OutboxRow>(
      `SELECT sequence, topic, key, headers, payload FROM outbox_event
       WHERE published_at IS NULL ORDER BY sequence LIMIT $1`,
      [this.#options.batchSize ?? 100],
    );
    if (rows.length === 0) return 0;
    // Bounded well inside the lease, so no other relay can take over while this batch is in flight.
    await withTimeout(
      bus.publish(
        rows.map((row) => ({
          topic: row.topic,
          key: row.key,
          value: new Uint8Array(row.payload),
          headers: typeof row.headers === "string" ? (JSON.parse(row.headers) as Record<string, string>) : row.headers,
        })),
      ),
      leaseMs / 2,
      () => `outbox relay: the bus did not accept ${rows.length} event(s) within ${leaseMs / 2} ms`,
    );
    await db.query(`UPDATE outbox_event SET published_at = now() WHERE sequence = ANY($1::bigint[])`, [
      rows.map((row) => String(row.sequence)),
    ]);
    return rows.length;
  }

  /** Stops the loop after the current round and hands the lease back so another relay continues at once. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wakeup.wake();
    await this.#running;
    this.#running = undefined;
    try {
      // '-infinity', not now(): with a coarse clock (PGlite) the next relay's now() can equal ours,
      // and `expires_at < now()` would keep the released lease held.
      await this.#options.db.query(`UPDATE outbox_relay_lease SET expires_at = '-infinity' WHERE name = 'relay' AND holder = $1`, [
        this.#holder,
      ]);
    } catch (error) {
      this.#logger.warn({ error: String(error) }, "outbox relay could not release its lease");
    }
  }

  async #loop(): Promise<void> {
    const pollMs = this.#options.pollIntervalMs ?? 1_000;
    let failures = 0;
    while (!this.#stopping) {
      this.#nudged = false;
      let published = 0;
      try {
        published = await this.relayOnce();
        await this.#pruneNowAndThen();
        failures = 0;
      } catch (error) {
        failures += 1;
        const delayMs = backoffDelay(failures, { initialMs: 200, maxMs: 10_000 });
        this.#logger.error({ error: String(error), delayMs }, "outbox relay round failed; retrying");
        await this.#wakeup.sleep(delayMs);
        continue;
      }
      // A full batch means more may be waiting; a nudge during the round means new rows were committed.
      if (published === (this.#options.batchSize ?? 100) || this.#nudged) continue;
      await this.#wakeup.sleep(pollMs);
    }
  }

  async #pruneNowAndThen(): Promise<void> {
    const retainMs = this.#options.retainPublishedMs ?? 7 * 24 * 3600_000;
    if (Date.now() - this.#lastPrune < Math.min(retainMs, 3600_000)) return;
    this.#lastPrune = Date.now();
    await this.#options.db.query(
      `DELETE FROM outbox_event WHERE published_at IS NOT NULL AND published_at < now() - $1 * interval '1 millisecond'`,
      [retainMs],
    );
  }
}
