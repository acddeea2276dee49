import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import protobuf from "protobufjs";
import type { SqlDatabase } from "../db/sql.js";
import { createRootLogger } from "../logging/logger.js";
import { decodeEvent, encodeEvent } from "./envelope.js";
import { waitFor } from "./event-bus.contract.js";
import type { BusMessage, DeliveredMessage, EventBus } from "./event-bus.js";
import { appendToOutbox, ensureOutboxTables, OutboxRelay } from "./outbox.js";
import { ensureProcessedEventTables, handleOnce, idempotentHandler } from "./processed-events.js";

/** What one outbox scenario runs on: a service database handle and a bus, both fresh. */
export interface OutboxFixture {
  readonly db: SqlDatabase;
  readonly bus: EventBus;
  /** Closes the bus and handles and drops whatever the fixture created. */
  close(): Promise<void>;
}

const { root } = protobuf.parse(`
  syntax = "proto3";
  package yunxi.testing.v1;
  message StampRecorded { string seal_id = 1; int32 impressions = 2; uint64 sequence = 3; }
`);
const StampRecorded = root.lookupType("yunxi.testing.v1.StampRecorded");
const TOPIC = "yunxi.device-control.v1.stamp-recorded";
const logger = createRootLogger({ level: process.env.LOG_LEVEL ?? "silent" });
const WAIT_MS = 20_000;

function stamp(sealId: string, impressions: number, sequence: number): BusMessage {
  return encodeEvent({
    topic: TOPIC,
    type: StampRecorded,
    payload: { sealId, impressions, sequence },
    organisationId: "org-1",
    aggregateId: sealId,
  });
}

async function createState(db: SqlDatabase): Promise<void> {
  await ensureOutboxTables(db);
  await ensureProcessedEventTables(db);
  await db.query(`CREATE TABLE IF NOT EXISTS stamp_total (seal_id text PRIMARY KEY, impressions integer NOT NULL)`);
  await db.query(`CREATE TABLE IF NOT EXISTS stamp_log (seal_id text NOT NULL, sequence integer NOT NULL)`);
}

/** Records a stamp (the state change) and its event in one transaction, as a use case would. */
async function recordStamp(db: SqlDatabase, sealId: string, impressions: number, sequence: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`INSERT INTO stamp_log (seal_id, sequence) VALUES ($1, $2)`, [sealId, sequence]);
    await appendToOutbox(tx, stamp(sealId, impressions, sequence));
  });
}

async function count(db: SqlDatabase, sql: string): Promise<number> {
  const [row] = await db.query<{ n: bigint | number }>(sql);
  return Number(row?.n ?? 0);
}

/**
 * The transactional outbox, relay and idempotent consumer, run against one database backend.
 * `open` returns a fresh fixture per test (own schema, own bus).
 */
export function outboxContract(label: string, open: () => Promise<OutboxFixture>): void {
  describe(`transactional outbox, relay and handleOnce: ${label}`, { timeout: 120_000 }, () => {
    const cleanups: (() => Promise<void>)[] = [];
    const setup = async (): Promise<OutboxFixture> => {
      const fixture = await open();
      cleanups.push(() => fixture.close());
      await createState(fixture.db);
      return fixture;
    };
    const relayFor = (fixture: OutboxFixture, options: { bus?: EventBus; leaseMs?: number; batchSize?: number } = {}) => {
      const relay = new OutboxRelay({
        db: fixture.db,
        bus: options.bus ?? fixture.bus,
        logger,
        pollIntervalMs: 50,
        ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
        ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      });
      cleanups.push(() => relay.stop());
      return relay;
    };
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    it("publishes nothing when the state change rolls back", async () => {
      const fixture = await setup();
      await assert.rejects(
        fixture.db.transaction(async (tx) => {
          await tx.query(`INSERT INTO stamp_log (seal_id, sequence) VALUES ('seal-1', 1)`);
          await appendToOutbox(tx, stamp("seal-1", 1, 1));
          throw new Error("business rule rejected the stamp");
        }),
        /business rule/,
      );
      assert.equal(await count(fixture.db, `SELECT count(*) AS n FROM outbox_event`), 0);
      assert.equal(await count(fixture.db, `SELECT count(*) AS n FROM stamp_log`), 0);
      assert.equal(await relayFor(fixture).relayOnce(), 0);
    });

    it("publishes committed events in order and marks them only once published", async () => {
      const fixture = await setup();
      const received: DeliveredMessage[] = [];
      await fixture.bus.subscribe({ groupId: "order", topics: [TOPIC], handle: async (message) => void received.push(message) });
      for (let sequence = 1; sequence <= 4; sequence += 1) await recordStamp(fixture.db, "seal-1", 1, sequence);
      await recordStamp(fixture.db, "seal-2", 1, 1);

      const failing: EventBus = {
        publish: async () => {
          throw new Error("bus down");
        },
        subscribe: (options) => fixture.bus.subscribe(options),
        close: async () => {},
      };
      const failed = relayFor(fixture, { bus: failing });
      await assert.rejects(failed.relayOnce(), /bus down/);
      assert.equal(await count(fixture.db, `SELECT count(*) AS n FROM outbox_event WHERE published_at IS NULL`), 5);
      // The failed relay still holds its lease: a second relay publishes nothing until it is released.
      const relay = relayFor(fixture);
      assert.equal(await relay.relayOnce(), 0);
      assert.equal(received.length, 0);
      await failed.stop();
      assert.equal(await relay.relayOnce(), 5);
      assert.equal(await relay.relayOnce(), 0);
      assert.equal(await count(fixture.db, `SELECT count(*) AS n FROM outbox_event WHERE published_at IS NULL`), 0);

      await waitFor(() => received.length >= 5, WAIT_MS, "five events");
      const seal1 = received
        .filter((message) => message.key === "seal-1")
        .map((message) => Number(decodeEvent<{ sequence: string }>(message, StampRecorded).payload.sequence));
      assert.deepEqual(seal1, [1, 2, 3, 4]);
    });

    it("absorbs the duplicates of a relay crash between publish and mark with handleOnce", async () => {
      const fixture = await setup();
      let deliveries = 0;
      await fixture.bus.subscribe({
        groupId: "stamp-totals",
        topics: [TOPIC],
        handle: (() => {
          const once = idempotentHandler(fixture.db, "stamp-totals", async (message, tx) => {
            const { payload } = decodeEvent<{ sealId: string; impressions: number }>(message, StampRecorded);
            await tx.query(
              `INSERT INTO stamp_total (seal_id, impressions) VALUES ($1, $2)
               ON CONFLICT (seal_id) DO UPDATE SET impressions = stamp_total.impressions + EXCLUDED.impressions`,
              [payload.sealId, payload.impressions],
            );
          });
          return async (message: DeliveredMessage) => {
            await once(message);
            deliveries += 1;
          };
        })(),
      });
      await recordStamp(fixture.db, "seal-1", 1, 1);
      await recordStamp(fixture.db, "seal-1", 2, 2);
      await recordStamp(fixture.db, "seal-1", 3, 3);

      // The process dies after the bus accepted the batch and before the rows were marked.
      const crashing: EventBus = {
        publish: async (messages) => {
          await fixture.bus.publish(messages);
          throw new Error("relay process killed");
        },
        subscribe: (options) => fixture.bus.subscribe(options),
        close: async () => {},
      };
      await assert.rejects(relayFor(fixture, { bus: crashing, leaseMs: 300 }).relayOnce(), /killed/);

      // The restarted relay takes over once the dead one's lease ran out, and publishes the batch again.
      const restarted = relayFor(fixture, { leaseMs: 300 });
      restarted.start();
      await waitFor(() => deliveries >= 6, WAIT_MS, "the batch delivered twice");
      const [total] = await fixture.db.query<{ impressions: number }>(`SELECT impressions FROM stamp_total WHERE seal_id = 'seal-1'`);
      assert.equal(deliveries, 6, "every event was delivered twice");
      assert.equal(total?.impressions, 6, "1 + 2 + 3, each counted once");
      assert.equal(await count(fixture.db, `SELECT count(*) AS n FROM processed_event WHERE consumer_group = 'stamp-totals'`), 3);
      assert.equal(await count(fixture.db, `SELECT count(*) AS n FROM outbox_event WHERE published_at IS NULL`), 0);
    });

    it("keeps each key in order with two relays running", async () => {
      const fixture = await setup();
      const perSeal = new Map<string, number[]>();
      await fixture.bus.subscribe({
        groupId: "two-relays",
        topics: [TOPIC],
        handle: async (message) => {
          const { payload } = decodeEvent<{ sealId: string; sequence: string }>(message, StampRecorded);
          perSeal.set(payload.sealId, [...(perSeal.get(payload.sealId) ?? []), Number(payload.sequence)]);
        },
      });
      const relays = [relayFor(fixture, { batchSize: 3 }), relayFor(fixture, { batchSize: 3 })];
      for (const relay of relays) relay.start();
      const seals = ["seal-a", "seal-b", "seal-c"];
      const perSealCount = 12;
      for (let sequence = 1; sequence <= perSealCount; sequence += 1) {
        await Promise.all(seals.map((seal) => recordStamp(fixture.db, seal, 1, sequence)));
        relays[sequence % 2]?.nudge();
      }
      await waitFor(
        () => seals.every((seal) => (perSeal.get(seal)?.length ?? 0) >= perSealCount),
        WAIT_MS,
        "every seal's events",
      );
      const expected = Array.from({ length: perSealCount }, (_, index) => index + 1);
      for (const seal of seals) assert.deepEqual(perSeal.get(seal), expected, `order of ${seal}`);
      assert.equal(await count(fixture.db, `SELECT count(*) AS n FROM outbox_event WHERE published_at IS NULL`), 0);
    });

    it("hands the lease back on stop so another relay continues at once", async () => {
      const fixture = await setup();
      const first = relayFor(fixture);
      await recordStamp(fixture.db, "seal-1", 1, 1);
      assert.equal(await first.relayOnce(), 1);
      await first.stop();
      await recordStamp(fixture.db, "seal-1", 1, 2);
      assert.equal(await relayFor(fixture).relayOnce(), 1);
    });

    it("publishes even when a migration created the lease table but not its row", async () => {
      const fixture = await setup();
      await fixture.db.query(`DELETE FROM outbox_relay_lease`);
      await recordStamp(fixture.db, "seal-1", 1, 1);
      assert.equal(await relayFor(fixture).relayOnce(), 1);
    });

    it("handleOnce runs work once per group and records nothing when work throws", async () => {
      const fixture = await setup();
      const eventId = "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
      const add = (tx: { query: SqlDatabase["query"] }) =>
        tx.query(`INSERT INTO stamp_total (seal_id, impressions) VALUES ('s', 1)
                  ON CONFLICT (seal_id) DO UPDATE SET impressions = stamp_total.impressions + 1`);
      await assert.rejects(
        handleOnce(fixture.db, "g", eventId, async (tx) => {
          await add(tx);
          throw new Error("downstream failed");
        }),
        /downstream failed/,
      );
      assert.equal(await count(fixture.db, `SELECT count(*) AS n FROM stamp_total`), 0, "work rolled back");
      assert.equal(await handleOnce(fixture.db, "g", eventId, async (tx) => void (await add(tx))), true);
      assert.equal(await handleOnce(fixture.db, "g", eventId, async (tx) => void (await add(tx))), false);
      assert.equal(await handleOnce(fixture.db, "other-group", eventId, async (tx) => void (await add(tx))), true);
      const [row] = await fixture.db.query<{ impressions: number }>(`SELECT impressions FROM stamp_total WHERE seal_id = 's'`);
      assert.equal(row?.impressions, 2);
    });
  });
}
