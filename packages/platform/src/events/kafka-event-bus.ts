import type { ConnectionOptions } from "node:tls";
import {
  Kafka,
  Partitioners,
  logLevel as KafkaLogLevel,
  type Admin,
  type Consumer,
  type EachMessagePayload,
  type IHeaders,
  type Producer,
  type SASLOptions,
  type logCreator,
} from "kafkajs";
import { failedPrecondition, invalidArgument, unavailable } from "../errors/errors.js";
import type { Logger } from "../logging/logger.js";
import { checkedRetryPolicy, Wakeup, withTimeout, type RetryPolicy } from "./backoff.js";
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
import { eventNames, eventNamespaceProblem, type EventNames } from "./event-namespace.js";

export interface KafkaEventBusOptions {
  /** `host:port` of one or more brokers. */
  readonly brokers: readonly string[];
  /** Names this process in broker logs and quotas; use the module name. */
  readonly clientId: string;
  readonly logger: Logger;
  /**
   * Installation-wide prefix of every topic and consumer group id (`<namespace>.yunxi.…`), so several
   * installations or test runs can share one cluster without seeing each other's messages. Handlers
   * still see the logical topic. Unset: names are used as they are (how existing installations run).
   */
  readonly namespace?: string;
  /** Bound on connecting (and on a consumer joining its group); the error names the brokers. Default 10 s. */
  readonly connectTimeoutMs?: number;
  /** Bound on one `publish` including the broker's acknowledgement from all in-sync replicas. Default 30 s. */
  readonly publishTimeoutMs?: number;
  /** Partitions of topics this bus creates on first use. Default 6. */
  readonly partitions?: number;
  /** Replication factor of topics this bus creates; -1 (default) takes the broker's `default.replication.factor`. */
  readonly replicationFactor?: number;
  /** Consumer session timeout: how long a silent member keeps its partitions. Default 30 s. */
  readonly sessionTimeoutMs?: number;
  /** Backoff between attempts of a handler that threw, and after how many permanent failures a message is dead-lettered. */
  readonly retry?: RetryPolicy;
  /**
   * `retention.ms` of the dead-letter topics this bus creates (`yunxi.dead-letters.v1.<group>`). Default
   * {@link DEFAULT_DEAD_LETTER_RETENTION_MS} (90 days); other topics keep the broker's default.
   */
  readonly deadLetterRetentionMs?: number;
  /** Partitions one subscription works on at the same time (order within each stays sequential). Default 4. */
  readonly partitionsConsumedConcurrently?: number;
  readonly ssl?: ConnectionOptions | boolean;
  readonly sasl?: SASLOptions;
}

const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

/** Thrown inside a Kafka handler loop to leave without committing when the subscription closes. */
class SubscriptionClosing extends Error {
  constructor() {
    super("subscription closing");
  }
}

/**
 * The cluster event bus over Kafka (KafkaJS). Producer is idempotent with acks=all, the message key is
 * the aggregate id (Java-compatible murmur2 partitioner, so other Kafka clients place keys identically),
 * topics are created on first use. A consumer commits a message's offset only after its handler resolved;
 * a handler that throws is retried with backoff on the same message, holding back its partition, until a
 * permanent failure happened `retry.maxAttempts` times: then the message is published to the group's
 * dead-letter topic and only after that committed (see {@link DeadLetterQueue}).
 */
export class KafkaEventBus implements EventBus, DeadLetterQueue {
  readonly #options: KafkaEventBusOptions;
  readonly #kafka: Kafka;
  readonly #logger: Logger;
  readonly #connectTimeoutMs: number;
  readonly #names: EventNames;
  readonly #retry: Required<RetryPolicy>;
  #producer: Promise<Producer> | undefined;
  #admin: Promise<Admin> | undefined;
  readonly #topics = new Map<string, Promise<void>>();
  readonly #subscriptions = new Set<KafkaSubscription>();
  #closed = false;

  constructor(options: KafkaEventBusOptions) {
    if (options.brokers.length === 0) throw invalidArgument("KafkaEventBus needs at least one broker");
    const namespaceProblem = options.namespace === undefined ? undefined : eventNamespaceProblem(options.namespace);
    if (namespaceProblem) throw invalidArgument(`invalid event namespace "${options.namespace}": ${namespaceProblem}`);
    this.#options = options;
    this.#retry = checkedRetryPolicy(options.retry);
    this.#names = eventNames(options.namespace);
    this.#logger = options.logger.child({ component: "kafka-event-bus" });
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.#kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      connectionTimeout: Math.min(3_000, this.#connectTimeoutMs),
      requestTimeout: options.publishTimeoutMs ?? 30_000,
      // KafkaJS's own retries stay inside our connect timeout; withTimeout cuts off whatever is left.
      retry: { initialRetryTime: 200, maxRetryTime: Math.max(1_000, this.#connectTimeoutMs / 2), retries: 8 },
      logLevel: KafkaLogLevel.WARN,
      logCreator: pinoLogCreator(this.#logger),
      ...(options.ssl === undefined ? {} : { ssl: options.ssl }),
      ...(options.sasl === undefined ? {} : { sasl: options.sasl }),
    });
  }

  async publish(messages: readonly BusMessage[]): Promise<void> {
    this.#assertOpen();
    if (messages.length === 0) return;
    for (const message of messages) checkMessage(message, this.#names);
    const topics = [...new Set(messages.map((message) => message.topic))];
    const timeoutMs = this.#options.publishTimeoutMs ?? 30_000;
    await this.#ensureTopics(topics.map((topic) => this.#names.topic(topic)));
    const producer = await this.#connectedProducer();
    await withTimeout(
      producer.sendBatch({
        acks: -1,
        timeout: timeoutMs,
        topicMessages: topics.map((topic) => ({
          topic: this.#names.topic(topic),
          messages: messages
            .filter((message) => message.topic === topic)
            .map((message) => ({
              key: message.key,
              value: Buffer.from(message.value.buffer, message.value.byteOffset, message.value.byteLength),
              headers: { ...message.headers },
            })),
        })),
      }),
      timeoutMs,
      () => `Kafka brokers ${this.#brokerList()} did not acknowledge ${messages.length} message(s) within ${timeoutMs} ms`,
    );
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    this.#assertOpen();
    if (!options.groupId) throw invalidArgument("subscribe needs a groupId");
    if (options.topics.length === 0) throw invalidArgument("subscribe needs at least one topic");
    for (const topic of options.topics) checkTopic(topic, this.#names);
    // Checked now: a group whose dead letters could not be published would hold its partition forever.
    checkTopic(deadLetterTopic(options.groupId), this.#names);
    const topics = [...new Set(options.topics)].map((topic) => this.#names.topic(topic));
    const groupId = this.#names.group(options.groupId);
    await this.#ensureTopics(topics);
    if (options.fromBeginning === false) await this.#startNewGroupAtEnd(groupId, topics);
    const consumer = this.#kafka.consumer({
      groupId,
      sessionTimeout: this.#options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: Math.max(500, Math.floor((this.#options.sessionTimeoutMs ?? 30_000) / 10)),
      allowAutoTopicCreation: false,
      retry: { initialRetryTime: 300, retries: 10, restartOnFailure: async () => !subscription.closing },
    });
    const subscription = new KafkaSubscription(consumer, { ...options, groupId, topics }, {
      logicalGroupId: options.groupId,
      names: this.#names,
      retry: this.#retry,
      logger: this.#logger,
      publish: (messages) => this.publish(messages),
      onClosed: () => this.#subscriptions.delete(subscription),
    });
    this.#subscriptions.add(subscription);
    try {
      await subscription.start(this.#connectTimeoutMs, this.#brokerList(), this.#options.partitionsConsumedConcurrently ?? 4);
    } catch (error) {
      await subscription.close();
      throw error;
    }
    return subscription;
  }

  listDeadLetters(groupId: string, options?: DeadLetterReadOptions): Promise<DeadLetter[]> {
    return this.#readDeadLetters(groupId, options, false);
  }

  replayDeadLetters(groupId: string, options?: DeadLetterReadOptions): Promise<DeadLetter[]> {
    return this.#readDeadLetters(groupId, options, true);
  }

  /**
   * Reads the group's dead-letter topic from the replay group's committed offsets up to the end it had
   * when the call began, as a member of the replay group (KafkaJS reads only through a group). Listing
   * commits nothing; replaying publishes each message to its original topic and then commits it.
   */
  async #readDeadLetters(groupId: string, options: DeadLetterReadOptions | undefined, replay: boolean): Promise<DeadLetter[]> {
    this.#assertOpen();
    checkedGroupId(groupId);
    const limit = checkedLimit(options);
    checkTopic(deadLetterTopic(groupId), this.#names);
    const topic = this.#names.topic(deadLetterTopic(groupId));
    const replayGroup = this.#names.group(deadLetterReplayGroup(groupId));
    const admin = await this.#connectedAdmin();
    // A group that never dead-lettered has no topic; a mistyped group id must not create one.
    if (!(await this.#retryWhileRetriable(() => admin.listTopics())).includes(topic)) return [];
    const [ends, committed] = await Promise.all([
      this.#retryWhileRetriable(() => admin.fetchTopicOffsets(topic)),
      this.#retryWhileRetriable(() => admin.fetchOffsets({ groupId: replayGroup, topics: [topic] })),
    ]);
    const committedOf = new Map(committed.flatMap((entry) => entry.partitions).map((entry) => [entry.partition, BigInt(entry.offset)]));
    // Per partition, the end to read up to, for partitions with something after the replay position.
    const waiting = new Map<number, bigint>();
    for (const end of ends) {
      const low = BigInt(end.low);
      const high = BigInt(end.high);
      const from = committedOf.get(end.partition) ?? -1n;
      // No commit, or one that retention overtook: the consumer starts at the earliest retained offset.
      if ((from > low ? from : low) < high) waiting.set(end.partition, high);
    }
    if (waiting.size === 0) return [];

    const found: DeadLetter[] = [];
    let failure: unknown;
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const consumer = this.#kafka.consumer({
      groupId: replayGroup,
      sessionTimeout: this.#options.sessionTimeoutMs ?? 30_000,
      allowAutoTopicCreation: false,
      retry: { initialRetryTime: 300, retries: 5 },
    });
    const timeoutMs = Math.max(30_000, 3 * this.#connectTimeoutMs);
    try {
      await withTimeout(
        (async () => {
          await consumer.connect();
          await consumer.subscribe({ topics: [topic], fromBeginning: true });
          await consumer.run({
            autoCommit: false,
            partitionsConsumedConcurrently: 1,
            eachMessage: async ({ partition, message, pause }) => {
              const end = waiting.get(partition);
              const offset = BigInt(message.offset);
              if (end === undefined || offset >= end || found.length >= limit || failure !== undefined) {
                pause();
                return;
              }
              try {
                const letter = parseDeadLetter({
                  topic: deadLetterTopic(groupId),
                  key: message.key?.toString("utf8") ?? "",
                  value: message.value ? new Uint8Array(message.value) : new Uint8Array(),
                  headers: headersToStrings(message.headers),
                  position: `${partition}:${message.offset}`,
                });
                if (replay) {
                  await this.publish([originalOf(letter)]);
                  await consumer.commitOffsets([{ topic, partition, offset: (offset + 1n).toString() }]);
                }
                found.push(letter);
              } catch (error) {
                failure = error;
                finish();
                return;
              }
              if (offset + 1n >= end) waiting.delete(partition);
              if (waiting.size === 0 || found.length >= limit) finish();
            },
          });
          await finished;
        })(),
        timeoutMs,
        () =>
          `reading dead letters of group ${groupId} from ${topic} did not finish within ${timeoutMs} ms` +
          (replay ? ` (${found.length} replayed)` : ""),
      );
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
    if (failure !== undefined) {
      if (!replay) throw failure;
      throw unavailable(`replay of dead letters of group ${groupId} stopped after ${found.length} replayed: ${errorSummary(failure)}`, {
        cause: failure,
      });
    }
    return found;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.allSettled([...this.#subscriptions].map((subscription) => subscription.close()));
    const clients = await Promise.allSettled([this.#producer, this.#admin].filter((client) => client !== undefined));
    await Promise.allSettled(
      clients.flatMap((result) => (result.status === "fulfilled" && result.value ? [result.value.disconnect()] : [])),
    );
  }

  #assertOpen(): void {
    if (this.#closed) throw unavailable("event bus is closed");
  }

  #brokerList(): string {
    return this.#options.brokers.join(",");
  }

  #connectedProducer(): Promise<Producer> {
    this.#producer ??= this.#connect(
      this.#kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      }),
      "producer",
    );
    return this.#producer;
  }

  #connectedAdmin(): Promise<Admin> {
    this.#admin ??= this.#connect(this.#kafka.admin(), "admin");
    return this.#admin;
  }

  /** Connects a client within the connect timeout; a failed attempt is forgotten so the next call retries. */
  #connect<Client extends Producer | Admin>(client: Client, role: "producer" | "admin"): Promise<Client> {
    const attempt = withTimeout(
      client.connect().then(() => client),
      this.#connectTimeoutMs,
      () => `cannot connect the Kafka ${role} to brokers ${this.#brokerList()} within ${this.#connectTimeoutMs} ms`,
      () => client.disconnect(),
    ).catch((error: unknown) => {
      if (role === "producer") this.#producer = undefined;
      else this.#admin = undefined;
      throw error instanceof Error && "kind" in error
        ? error
        : unavailable(`cannot connect the Kafka ${role} to brokers ${this.#brokerList()}`, { cause: error });
    });
    return attempt;
  }

  async #ensureTopics(topics: readonly string[]): Promise<void> {
    const missing = topics.filter((topic) => !this.#topics.has(topic));
    if (missing.length > 0) {
      const creation = this.#createTopics(missing);
      for (const topic of missing) {
        this.#topics.set(
          topic,
          creation.catch((error: unknown) => {
            this.#topics.delete(topic);
            throw error;
          }),
        );
      }
    }
    await Promise.all(topics.map((topic) => this.#topics.get(topic)));
  }

  /**
   * KafkaJS resolves "latest" only at the first fetch, after the group join, so a message published right
   * after `subscribe` resolved would be skipped. Committing the current end for partitions the group never
   * committed pins the start at subscribe time (and keeps it across restarts, like the in-process bus).
   */
  async #startNewGroupAtEnd(groupId: string, topics: readonly string[]): Promise<void> {
    const admin = await this.#connectedAdmin();
    const committed = await this.#retryWhileRetriable(() => admin.fetchOffsets({ groupId, topics: [...topics] }));
    for (const { topic, partitions } of committed) {
      const uncommitted = new Set(partitions.filter((entry) => entry.offset === "-1").map((entry) => entry.partition));
      if (uncommitted.size === 0) continue;
      // A topic created (or auto-created by a producer) a moment ago may not have elected its leaders yet.
      const ends = await this.#retryWhileRetriable(() => admin.fetchTopicOffsets(topic));
      try {
        await admin.setOffsets({
          groupId,
          topic,
          partitions: ends.filter((end) => uncommitted.has(end.partition)).map((end) => ({ partition: end.partition, offset: end.high })),
        });
      } catch (error) {
        // Another member is already active; it resolves "latest" itself, as Kafka always does.
        this.#logger.debug({ groupId, topic, error: errorSummary(error) }, "could not pin start offsets of a new group");
      }
    }
  }

  /** Retries KafkaJS errors marked retriable (leader elections, coordinator moves) until the connect timeout. */
  async #retryWhileRetriable<T>(operation: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.#connectTimeoutMs;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await operation();
      } catch (error) {
        const retriable = (error as { retriable?: unknown }).retriable === true;
        if (!retriable || Date.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 1000)));
      }
    }
  }

  /** Waits, within the connect timeout, until every partition of the topics has a leader a broker knows of. */
  async #waitForLeaders(topics: readonly string[]): Promise<void> {
    const admin = await this.#connectedAdmin();
    await this.#retryWhileRetriable(async () => {
      const metadata = await admin.fetchTopicMetadata({ topics: [...topics] });
      const leaderless = metadata.topics.filter(
        (topic) => topic.partitions.length === 0 || topic.partitions.some((partition) => partition.leader < 0),
      );
      if (leaderless.length > 0) {
        throw Object.assign(new Error(`topics without leaders yet: ${leaderless.map((topic) => topic.name).join(", ")}`), {
          retriable: true,
        });
      }
    });
  }

  async #createTopics(topics: readonly string[]): Promise<void> {
    const admin = await this.#connectedAdmin();
    const creation = withTimeout(
      // KafkaJS's own wait for leaders gives up on the first "unknown topic" from a broker whose metadata
      // lags the controller's (seen in CI on a single KRaft node), so the wait is ours (#waitForLeaders).
      admin.createTopics({
        waitForLeaders: false,
        timeout: this.#connectTimeoutMs,
        topics: topics.map((topic) => ({
          topic,
          numPartitions: this.#options.partitions ?? 6,
          replicationFactor: this.#options.replicationFactor ?? -1,
          ...(this.#names.logicalTopic(topic).startsWith(DEAD_LETTER_TOPIC_PREFIX)
            ? { configEntries: [{ name: "retention.ms", value: String(this.#options.deadLetterRetentionMs ?? DEFAULT_DEAD_LETTER_RETENTION_MS) }] }
            : {}),
        })),
      }),
      this.#connectTimeoutMs,
      () => `Kafka brokers ${this.#brokerList()} did not create topics ${topics.join(", ")} within ${this.#connectTimeoutMs} ms`,
    );
    try {
      await creation;
      await this.#waitForLeaders(topics);
    } catch (error) {
      // KafkaJS passes over "already exists" itself; whatever else the broker refused is a real problem,
      // logged here at error level because the client's own line for it is demoted (see pinoLogCreator).
      const refused = topicCreationErrors(error);
      if (refused.length === 0) throw error;
      this.#logger.error({ refused }, "Kafka refused to create topics");
      throw failedPrecondition(`Kafka refused to create topics: ${refused.join("; ")}`, { cause: error });
    }
  }
}

/** What a subscription needs from its bus. */
interface SubscriptionContext {
  /** The group id the subscriber gave, before any namespace: it names the dead-letter topic. */
  readonly logicalGroupId: string;
  readonly names: EventNames;
  readonly retry: Required<RetryPolicy>;
  readonly logger: Logger;
  /** The bus's publish, for dead letters (logical topic; the bus adds the namespace). */
  readonly publish: (messages: readonly BusMessage[]) => Promise<void>;
  readonly onClosed: () => void;
}

class KafkaSubscription implements Subscription {
  closing = false;
  readonly #consumer: Consumer;
  /** The subscriber's options with the broker's (namespaced) group id and topics. */
  readonly #options: SubscribeOptions;
  readonly #context: SubscriptionContext;
  readonly #logger: Logger;
  readonly #wakeup = new Wakeup();
  #closed: Promise<void> | undefined;

  constructor(consumer: Consumer, options: SubscribeOptions, context: SubscriptionContext) {
    this.#consumer = consumer;
    this.#options = options;
    this.#context = context;
    this.#logger = context.logger.child({ groupId: options.groupId });
    consumer.on(consumer.events.CRASH, (event) => {
      if (!this.closing) {
        this.#logger.error({ error: event.payload.error.message, restart: event.payload.restart }, "kafka consumer crashed");
      }
    });
  }

  /** Resolves once the consumer joined its group, so a caller may publish right after subscribing. */
  async start(timeoutMs: number, brokers: string, concurrency: number): Promise<void> {
    const joined = new Promise<void>((resolve) => {
      const remove = this.#consumer.on(this.#consumer.events.GROUP_JOIN, () => {
        remove();
        resolve();
      });
    });
    await withTimeout(
      (async () => {
        await this.#consumer.connect();
        await this.#consumer.subscribe({
          topics: [...this.#options.topics],
          fromBeginning: this.#options.fromBeginning ?? true,
        });
        await this.#consumer.run({
          autoCommit: false,
          partitionsConsumedConcurrently: concurrency,
          eachMessage: (payload) => this.#handle(payload),
        });
        await joined;
      })(),
      timeoutMs,
      () => `Kafka consumer group ${this.#options.groupId} could not join via brokers ${brokers} within ${timeoutMs} ms`,
    );
  }

  async #handle({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    const delivered: DeliveredMessage = {
      topic: this.#context.names.logicalTopic(topic),
      key: message.key?.toString("utf8") ?? "",
      value: message.value
        ? new Uint8Array(message.value.buffer, message.value.byteOffset, message.value.byteLength)
        : new Uint8Array(),
      headers: headersToStrings(message.headers),
      position: `${partition}:${message.offset}`,
    };
    const outcome = await deliverWithRetry({
      message: delivered,
      groupId: this.#context.logicalGroupId,
      policy: this.#context.retry,
      logger: this.#logger,
      where: { partition, offset: message.offset },
      attempt: async () => {
        await this.#options.handle(delivered);
        return true;
      },
      stopping: () => this.closing,
      pause: async (ms) => {
        // Keeps the group membership alive while we hold the partition; throws if a rebalance took it away,
        // and KafkaJS then hands the uncommitted message to the partition's new owner.
        await heartbeat();
        await this.#wakeup.sleep(ms);
      },
      publishDeadLetter: (deadLetter) => this.#context.publish([deadLetter]),
    });
    if (outcome === "stopped") throw new SubscriptionClosing();
    await this.#consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
  }

  close(): Promise<void> {
    this.#closed ??= (async () => {
      this.closing = true;
      this.#wakeup.wake();
      try {
        await this.#consumer.disconnect();
      } finally {
        this.#context.onClosed();
      }
    })();
    return this.#closed;
  }
}

/** Checks the name the broker will see, so a namespace cannot push a topic past Kafka's limits. */
function checkTopic(topic: string, names: EventNames): void {
  if (!TOPIC_NAME.test(topic) || !TOPIC_NAME.test(names.topic(topic))) throw invalidArgument(`invalid topic name "${topic}"`);
}

function checkMessage(message: BusMessage, names: EventNames): void {
  checkTopic(message.topic, names);
  if (!message.key) throw invalidArgument(`message for ${message.topic} has no key (the aggregate id)`);
}

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) result[name] = first.toString();
  }
  return result;
}

function errorSummary(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** `topic: TYPE` for each topic the broker refused to create, other than because it exists already. */
function topicCreationErrors(error: unknown): string[] {
  const errors = (error as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .map((entry: { topic?: unknown; type?: unknown; message?: unknown }) => ({
      topic: String(entry.topic ?? "?"),
      type: String(entry.type ?? entry.message ?? "unknown error"),
    }))
    .filter((entry) => entry.type !== "TOPIC_ALREADY_EXISTS")
    .map((entry) => `${entry.topic}: ${entry.type}`);
}

/**
 * KafkaJS logs every protocol error response at error level before its caller decides what it means. A
 * CreateTopics answer listing per-topic errors is, on every start after the first, "topic already exists";
 * KafkaJS itself treats that as success and {@link KafkaEventBus} logs any other refusal at error level
 * with the topics and reasons, so this one line is demoted to debug. Other error lines stay errors.
 */
function isRoutineKafkaLogLine(namespace: string, level: number, message: unknown, error: unknown): boolean {
  return (
    level === KafkaLogLevel.ERROR &&
    namespace === "Connection" &&
    typeof message === "string" &&
    message.startsWith("Response CreateTopics") &&
    error === "Topic creation errors"
  );
}

function pinoLogCreator(logger: Logger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, ...extra } = log;
      const fields = { namespace, ...extra };
      if (isRoutineKafkaLogLine(namespace, level, message, extra["error"])) logger.debug(fields, message);
      else if (level === KafkaLogLevel.ERROR) logger.error(fields, message);
      else if (level === KafkaLogLevel.WARN) logger.warn(fields, message);
      else if (level === KafkaLogLevel.INFO) logger.info(fields, message);
      else logger.debug(fields, message);
    };
}
