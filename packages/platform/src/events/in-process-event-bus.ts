import type { SqlDatabase, SqlExecutor } from "../db/sql.js";
import { invalidArgument, unavailable } from "../errors/errors.js";
import type { Logger } from "../logging/logger.js";
import { backoffDelay, checkedRetryPolicy, type RetryPolicy } from "./backoff.js";
import {
  checkedGroupId,
  checkedLimit,
  DEAD_LETTER_TOPIC_PREFIX,
  DEFAULT_DEAD_LETTER_RETENTION_MS,
  deadLetterReplayGroup,
  deadLetterTopic,
  originalOf,
  parseDeadLetter,
  type DeadLetter,
  type DeadLetterQueue,
  type DeadLetterReadOptions,
} from "./dead-letters.js";
import type { BusMessage, DeliveredMessage, EventBus, SubscribeOptions, Subscription } from "./event-bus.js";
import { deliverWithRetry } from "./handler-retry.js";

/** A message as the in-process bus stores it: a global sequence number and the partition its key maps to. */
interface StoredMessage extends BusMessage {
  readonly seq: bigint;
  readonly partition: number;
}

/** Where the in-process bus keeps its log and each group's positions: memory, or tables in the embedded database. */
interface BusLog {
  append(messages: readonly (BusMessage & { readonly partition: number })[]): Promise<void>;
  /** Messages of one partition after `afterSeq`, in sequence order. */
  read(topic: string, partition: number, afterSeq: bigint, limit: number): Promise<StoredMessage[]>;
  position(groupId: string, topic: string, partition: number): Promise<bigint | undefined>;
  commit(groupId: string, topic: string, partition: number, seq: bigint): Promise<void>;
  /** The highest sequence number stored for the partition (0 when empty). */
  end(topic: string, partition: number): Promise<bigint>;
  /** Deletes ordinary messages older than `olderThanMs` and dead letters older than `deadLettersOlderThanMs`. */
  prune(olderThanMs: number, deadLettersOlderThanMs: number): Promise<void>;
}

export interface InProcessEventBusOptions {
  readonly logger: Logger;
  /** Key hash buckets; order holds per bucket, so per key. Do not change it on an existing log. Default 4. */
  readonly partitions?: number;
  /** Backoff between attempts of a handler that threw, and after how many permanent failures a message is dead-lettered. */
  readonly retry?: RetryPolicy;
  /** Fallback poll interval; publishes in this process wake consumers at once. Default 1 s. */
  readonly pollIntervalMs?: number;
  /** Messages older than this are deleted from a durable log, like Kafka's retention.ms. Default 7 days. */
  readonly retentionMs?: number;
  /** Dead letters are kept this long instead. Default {@link DEFAULT_DEAD_LETTER_RETENTION_MS} (90 days). */
  readonly deadLetterRetentionMs?: number;
}

/** SQL creating the durable bus log; idempotent. Runs in the schema the handle is bound to (e.g. `platform_bus`). */
export const IN_PROCESS_BUS_SCHEMA_SQL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS bus_message (
    seq bigserial PRIMARY KEY,
    topic text NOT NULL,
    partition integer NOT NULL,
    key text NOT NULL,
    headers jsonb NOT NULL,
    value bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX IF NOT EXISTS bus_message_topic_partition_seq ON bus_message (topic, partition, seq)`,
  `CREATE TABLE IF NOT EXISTS bus_group_position (
    group_id text NOT NULL,
    topic text NOT NULL,
    partition integer NOT NULL,
    seq bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (group_id, topic, partition)
  )`,
];

const READ_BATCH = 100;

/**
 * The embedded-mode event bus: the same semantics as Kafka inside one process. Keys hash to partitions;
 * within a group each partition is handled by one member, one message at a time, and a handler that
 * throws gets the same message again after a backoff while the rest of its partition waits.
 *
 * A message whose handler failed permanently `retry.maxAttempts` times is appended to the group's
 * dead-letter topic (in the same log) before its position is committed; see {@link DeadLetterQueue}.
 *
 * {@link InProcessEventBus.durable} appends every message to a log table before `publish` resolves and
 * stores each group's position after the handler resolved, so a restarted process redelivers exactly
 * what was not yet handled. One process owns a durable log; it is not a cross-process broker.
 * `publish` must not be called inside a transaction of the same embedded database (PGlite has one connection).
 */
export class InProcessEventBus implements EventBus, DeadLetterQueue {
  readonly #log: BusLog;
  readonly #logger: Logger;
  readonly #partitions: number;
  readonly #options: InProcessEventBusOptions;
  readonly #retry: Required<RetryPolicy>;
  readonly #signals = new Map<string, Signal>();
  readonly #groups = new Map<string, Group>();
  readonly #pruneTimer: NodeJS.Timeout | undefined;
  #closed = false;

  private constructor(log: BusLog, options: InProcessEventBusOptions, prune: boolean) {
    this.#log = log;
    this.#options = options;
    this.#logger = options.logger.child({ component: "in-process-event-bus" });
    this.#partitions = options.partitions ?? 4;
    if (!Number.isInteger(this.#partitions) || this.#partitions < 1) {
      throw invalidArgument("partitions must be a positive integer");
    }
    this.#retry = checkedRetryPolicy(options.retry);
    if (prune) {
      const retentionMs = options.retentionMs ?? 7 * 24 * 3600_000;
      const run = () =>
        void log.prune(retentionMs, options.deadLetterRetentionMs ?? DEFAULT_DEAD_LETTER_RETENTION_MS).catch((error: unknown) => this.#logger.warn({ error: String(error) }, "bus log prune failed"));
      run();
      this.#pruneTimer = setInterval(run, Math.min(retentionMs, 3600_000));
      this.#pruneTimer.unref();
    }
  }

  /** A bus whose log lives in `db` (bound to its own schema, e.g. `platform_bus`); creates its tables. */
  static async durable(db: SqlDatabase, options: InProcessEventBusOptions): Promise<InProcessEventBus> {
    await db.transaction(async (tx) => {
      for (const statement of IN_PROCESS_BUS_SCHEMA_SQL) await tx.query(statement);
    });
    return new InProcessEventBus(new SqlBusLog(db), options, true);
  }

  /** A bus that keeps everything in memory: for unit tests of other code; a restart loses everything. */
  static inMemory(options: InProcessEventBusOptions): InProcessEventBus {
    return new InProcessEventBus(new MemoryBusLog(), options, false);
  }

  async publish(messages: readonly BusMessage[]): Promise<void> {
    this.#assertOpen();
    if (messages.length === 0) return;
    for (const message of messages) {
      if (!message.topic) throw invalidArgument("message has no topic");
      if (!message.key) throw invalidArgument(`message for ${message.topic} has no key (the aggregate id)`);
    }
    await this.#append(messages);
  }

  async #append(messages: readonly BusMessage[]): Promise<void> {
    await this.#log.append(
      messages.map((message) => ({
        topic: message.topic,
        key: message.key,
        // Copies, so a caller reusing its buffers cannot change what consumers see.
        value: Uint8Array.from(message.value),
        headers: { ...message.headers },
        partition: partitionOf(message.key, this.#partitions),
      })),
    );
    for (const topic of new Set(messages.map((message) => message.topic))) this.#signal(topic).notify();
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    this.#assertOpen();
    if (!options.groupId) throw invalidArgument("subscribe needs a groupId");
    if (options.topics.length === 0) throw invalidArgument("subscribe needs at least one topic");
    let group = this.#groups.get(options.groupId);
    if (!group) {
      group = new Group(options.groupId, this.#log, this.#logger, this.#options, this.#retry, {
        signalOf: (topic) => this.#signal(topic),
        publish: (messages) => this.#append(messages),
        onEmpty: () => this.#groups.delete(options.groupId),
      });
      this.#groups.set(options.groupId, group);
    }
    const member = new Member(options, group);
    await group.join(member, this.#partitions);
    return member;
  }

  async listDeadLetters(groupId: string, options?: DeadLetterReadOptions): Promise<DeadLetter[]> {
    this.#assertOpen();
    checkedGroupId(groupId);
    return (await this.#waitingDeadLetters(groupId, checkedLimit(options))).map((entry) => entry.letter);
  }

  async replayDeadLetters(groupId: string, options?: DeadLetterReadOptions): Promise<DeadLetter[]> {
    this.#assertOpen();
    checkedGroupId(groupId);
    const replayed: DeadLetter[] = [];
    for (const { letter, partition, seq } of await this.#waitingDeadLetters(groupId, checkedLimit(options))) {
      await this.publish([originalOf(letter)]);
      await this.#log.commit(deadLetterReplayGroup(groupId), deadLetterTopic(groupId), partition, seq);
      replayed.push(letter);
    }
    return replayed;
  }

  /** Dead letters after the replay group's position, oldest first across partitions (the log's sequence). */
  async #waitingDeadLetters(
    groupId: string,
    limit: number,
  ): Promise<{ letter: DeadLetter; partition: number; seq: bigint }[]> {
    const topic = deadLetterTopic(groupId);
    const found: StoredMessage[] = [];
    for (let partition = 0; partition < this.#partitions; partition += 1) {
      let after = (await this.#log.position(deadLetterReplayGroup(groupId), topic, partition)) ?? 0n;
      // Each partition contributes at most `limit`: the oldest `limit` overall are among those.
      for (let taken = 0; taken < limit; ) {
        const batch = await this.#log.read(topic, partition, after, Math.min(READ_BATCH, limit - taken));
        if (batch.length === 0) break;
        found.push(...batch);
        taken += batch.length;
        after = batch.at(-1)!.seq;
      }
    }
    found.sort((left, right) => (left.seq < right.seq ? -1 : left.seq > right.seq ? 1 : 0));
    return found.slice(0, limit).map((message) => ({
      letter: parseDeadLetter({ ...message, position: `${message.partition}:${message.seq}` }),
      partition: message.partition,
      seq: message.seq,
    }));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#pruneTimer) clearInterval(this.#pruneTimer);
    await Promise.all([...this.#groups.values()].map((group) => group.stop()));
  }

  #assertOpen(): void {
    if (this.#closed) throw unavailable("event bus is closed");
  }

  #signal(topic: string): Signal {
    let signal = this.#signals.get(topic);
    if (!signal) {
      signal = new Signal();
      this.#signals.set(topic, signal);
    }
    return signal;
  }
}

/** One subscriber; a group's partitions are spread over its members. */
class Member implements Subscription {
  closing = false;
  readonly options: SubscribeOptions;
  readonly #group: Group;

  constructor(options: SubscribeOptions, group: Group) {
    this.options = options;
    this.#group = group;
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await this.#group.leave(this);
  }
}

/** A consumer group: one worker per (topic, partition), each handing messages to one member in order. */
class Group {
  readonly #id: string;
  readonly #log: BusLog;
  readonly #logger: Logger;
  readonly #options: InProcessEventBusOptions;
  readonly #retry: Required<RetryPolicy>;
  readonly #signalOf: (topic: string) => Signal;
  readonly #publish: (messages: readonly BusMessage[]) => Promise<void>;
  readonly #onEmpty: () => void;
  readonly #members: Member[] = [];
  readonly #workers = new Map<string, Promise<void>>();
  readonly #stopSignal = new Signal();
  #stopped = false;

  constructor(
    id: string,
    log: BusLog,
    logger: Logger,
    options: InProcessEventBusOptions,
    retry: Required<RetryPolicy>,
    bus: {
      readonly signalOf: (topic: string) => Signal;
      readonly publish: (messages: readonly BusMessage[]) => Promise<void>;
      readonly onEmpty: () => void;
    },
  ) {
    this.#id = id;
    this.#log = log;
    this.#logger = logger.child({ groupId: id });
    this.#options = options;
    this.#retry = retry;
    this.#signalOf = bus.signalOf;
    this.#publish = bus.publish;
    this.#onEmpty = bus.onEmpty;
  }

  async join(member: Member, partitions: number): Promise<void> {
    this.#members.push(member);
    for (const topic of member.options.topics) {
      for (let partition = 0; partition < partitions; partition += 1) {
        const name = `${topic}\u0000${partition}`;
        if (this.#workers.has(name)) continue;
        // A new group that must not see history starts at the current end, and remembers that across restarts.
        if (member.options.fromBeginning === false && (await this.#log.position(this.#id, topic, partition)) === undefined) {
          await this.#log.commit(this.#id, topic, partition, await this.#log.end(topic, partition));
        }
        this.#workers.set(name, this.#work(topic, partition));
      }
    }
  }

  async leave(member: Member): Promise<void> {
    const index = this.#members.indexOf(member);
    if (index >= 0) this.#members.splice(index, 1);
    if (this.#members.length === 0) await this.stop();
    else this.#stopSignal.notify();
  }

  async stop(): Promise<void> {
    if (!this.#stopped) {
      this.#stopped = true;
      this.#onEmpty();
      for (const member of this.#members) member.closing = true;
      this.#stopSignal.notify();
      for (const topic of new Set(this.#members.flatMap((member) => member.options.topics))) this.#signalOf(topic).notify();
    }
    await Promise.allSettled(this.#workers.values());
  }

  /** The member that owns this partition now: a stable spread of partitions over the current members. */
  #ownerOf(topic: string, partition: number): Member | undefined {
    const candidates = this.#members.filter((member) => !member.closing && member.options.topics.includes(topic));
    return candidates[partition % Math.max(1, candidates.length)];
  }

  async #work(topic: string, partition: number): Promise<void> {
    const signal = this.#signalOf(topic);
    const pollMs = this.#options.pollIntervalMs ?? 1_000;
    let position: bigint | undefined;
    while (!this.#stopped) {
      try {
        const seen = signal.generation;
        position ??= (await this.#log.position(this.#id, topic, partition)) ?? 0n;
        const batch = await this.#log.read(topic, partition, position, READ_BATCH);
        if (batch.length === 0) {
          await signal.wait(seen, pollMs);
          continue;
        }
        for (const message of batch) {
          if (!(await this.#deliver(message))) break;
          await this.#log.commit(this.#id, topic, partition, message.seq);
          position = message.seq;
        }
      } catch (error) {
        // Storage trouble (database closed, disk full): retry the whole step; nothing was committed past it.
        if (this.#stopped) break;
        position = undefined;
        this.#logger.error({ topic, partition, error: String(error) }, "in-process bus worker failed; retrying");
        await this.#stopSignal.wait(this.#stopSignal.generation, backoffDelay(1, this.#retry));
      }
    }
  }

  /**
   * Hands one message to its owner until a handler resolves or the message is dead-lettered (both: the
   * caller commits it); false if the group stopped first.
   */
  async #deliver(message: StoredMessage): Promise<boolean> {
    const delivered: DeliveredMessage = {
      topic: message.topic,
      key: message.key,
      value: message.value,
      headers: message.headers,
      position: `${message.partition}:${message.seq}`,
    };
    const outcome = await deliverWithRetry({
      message: delivered,
      groupId: this.#id,
      policy: this.#retry,
      logger: this.#logger,
      where: { partition: message.partition },
      attempt: async () => {
        const owner = await this.#owner(message.topic, message.partition);
        if (!owner) return false;
        await owner.options.handle(delivered);
        return true;
      },
      stopping: () => this.#stopped,
      pause: (ms) => this.#stopSignal.wait(this.#stopSignal.generation, ms),
      publishDeadLetter: (deadLetter) => this.#publish([deadLetter]),
    });
    return outcome !== "stopped";
  }

  /** The partition's owner, waiting while every member of this topic left and others in the group remain. */
  async #owner(topic: string, partition: number): Promise<Member | undefined> {
    while (!this.#stopped) {
      const seen = this.#stopSignal.generation;
      const owner = this.#ownerOf(topic, partition);
      if (owner) return owner;
      await this.#stopSignal.wait(seen, this.#options.pollIntervalMs ?? 1_000);
    }
    return undefined;
  }
}

/** Wakes waiters when something happened; the generation closes the gap between checking and waiting. */
class Signal {
  generation = 0;
  #waiters = new Set<() => void>();

  notify(): void {
    this.generation += 1;
    for (const waiter of [...this.#waiters]) waiter();
  }

  /** Resolves at once if notified since `seen`, else at the next notify or after `ms`. */
  wait(seen: number, ms: number): Promise<void> {
    if (this.generation !== seen) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#waiters.add(done);
    });
  }
}

class MemoryBusLog implements BusLog {
  #seq = 0n;
  readonly #messages = new Map<string, StoredMessage[]>();
  readonly #positions = new Map<string, bigint>();

  async append(messages: readonly (BusMessage & { readonly partition: number })[]): Promise<void> {
    for (const message of messages) {
      this.#seq += 1n;
      const name = `${message.topic}\u0000${message.partition}`;
      const list = this.#messages.get(name) ?? [];
      list.push({ ...message, seq: this.#seq });
      this.#messages.set(name, list);
    }
  }

  async read(topic: string, partition: number, afterSeq: bigint, limit: number): Promise<StoredMessage[]> {
    const list = this.#messages.get(`${topic}\u0000${partition}`) ?? [];
    return list.filter((message) => message.seq > afterSeq).slice(0, limit);
  }

  async position(groupId: string, topic: string, partition: number): Promise<bigint | undefined> {
    return this.#positions.get(`${groupId}\u0000${topic}\u0000${partition}`);
  }

  async commit(groupId: string, topic: string, partition: number, seq: bigint): Promise<void> {
    const name = `${groupId}\u0000${topic}\u0000${partition}`;
    const current = this.#positions.get(name) ?? 0n;
    this.#positions.set(name, seq > current ? seq : current);
  }

  async end(topic: string, partition: number): Promise<bigint> {
    return this.#messages.get(`${topic}\u0000${partition}`)?.at(-1)?.seq ?? 0n;
  }

  async prune(): Promise<void> {}
}

interface MessageRow extends Record<string, unknown> {
  seq: bigint;
  topic: string;
  partition: number;
  key: string;
  headers: Record<string, string> | string;
  value: Uint8Array;
}

/** Parameters per row in the multi-row INSERT; chunks stay far below PostgreSQL's 65535-parameter limit. */
const APPEND_CHUNK = 500;

class SqlBusLog implements BusLog {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  async append(messages: readonly (BusMessage & { readonly partition: number })[]): Promise<void> {
    const insert = async (executor: SqlExecutor, chunk: readonly (BusMessage & { readonly partition: number })[]) => {
      const params: unknown[] = [];
      const rows = chunk.map((message) => {
        params.push(message.topic, message.partition, message.key, JSON.stringify(message.headers), message.value);
        const n = params.length;
        return `($${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}::jsonb, $${n})`;
      });
      await executor.query(`INSERT INTO bus_message (topic, partition, key, headers, value) VALUES ${rows.join(", ")}`, params);
    };
    if (messages.length <= APPEND_CHUNK) {
      await insert(this.#db, messages);
      return;
    }
    await this.#db.transaction(async (tx) => {
      for (let start = 0; start < messages.length; start += APPEND_CHUNK) {
        await insert(tx, messages.slice(start, start + APPEND_CHUNK));
      }
    });
  }

  async read(topic: string, partition: number, afterSeq: bigint, limit: number): Promise<StoredMessage[]> {
    const rows = await this.#db.query<MessageRow>(
      `SELECT seq, topic, partition, key, headers, value FROM bus_message
       WHERE topic = $1 AND partition = $2 AND seq > $3 ORDER BY seq LIMIT $4`,
      [topic, partition, afterSeq.toString(), limit],
    );
    return rows.map((row) => ({
      seq: BigInt(row.seq),
      topic: row.topic,
      partition: Number(row.partition),
      key: row.key,
      headers: typeof row.headers === "string" ? (JSON.parse(row.headers) as Record<string, string>) : row.headers,
      value: new Uint8Array(row.value),
    }));
  }

  async position(groupId: string, topic: string, partition: number): Promise<bigint | undefined> {
    const [row] = await this.#db.query<{ seq: bigint }>(
      `SELECT seq FROM bus_group_position WHERE group_id = $1 AND topic = $2 AND partition = $3`,
      [groupId, topic, partition],
    );
    return row === undefined ? undefined : BigInt(row.seq);
  }

  async commit(groupId: string, topic: string, partition: number, seq: bigint): Promise<void> {
    await this.#db.query(
      `INSERT INTO bus_group_position (group_id, topic, partition, seq) VALUES ($1, $2, $3, $4)
       ON CONFLICT (group_id, topic, partition)
       DO UPDATE SET seq = GREATEST(bus_group_position.seq, EXCLUDED.seq), updated_at = now()`,
      [groupId, topic, partition, seq.toString()],
    );
  }

  async end(topic: string, partition: number): Promise<bigint> {
    const [row] = await this.#db.query<{ seq: bigint | null }>(
      `SELECT max(seq) AS seq FROM bus_message WHERE topic = $1 AND partition = $2`,
      [topic, partition],
    );
    return row?.seq == null ? 0n : BigInt(row.seq);
  }

  async prune(olderThanMs: number, deadLettersOlderThanMs: number): Promise<void> {
    await this.#db.query(
      `DELETE FROM bus_message WHERE created_at < now() - (CASE WHEN starts_with(topic, $2::text) THEN $3::float8 ELSE $1::float8 END) * interval '1 millisecond'`,
      [olderThanMs, DEAD_LETTER_TOPIC_PREFIX, deadLettersOlderThanMs],
    );
  }
}

/** FNV-1a over the key's UTF-8 bytes: stable across restarts and Node versions. */
function partitionOf(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, "utf8")) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}

