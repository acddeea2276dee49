import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { Kafka, logLevel, type Admin } from "kafkajs";
import { isYunxiError } from "../errors/errors.js";
import { createRootLogger } from "../logging/logger.js";
import { requireTestServer } from "../testing/servers.js";
import { deadLetterTopic, DEFAULT_DEAD_LETTER_RETENTION_MS } from "./dead-letters.js";
import { eventBusContract, eventBusNamespaceContract, waitFor } from "./event-bus.contract.js";
import { eventNames } from "./event-namespace.js";
import { KafkaEventBus, type KafkaEventBusOptions } from "./kafka-event-bus.js";

const logger = createRootLogger({ level: process.env.LOG_LEVEL ?? "silent" });
const brokers = (await requireTestServer("kafka")).split(",");

const testBusOptions = {
  brokers,
  clientId: "yunxi-contract-test",
  logger,
  partitions: 4,
  replicationFactor: 1,
  sessionTimeoutMs: 10_000,
  retry: { initialMs: 5, maxMs: 20, maxAttempts: 3 },
} satisfies KafkaEventBusOptions;

async function withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Kafka({ clientId: "yunxi-contract-cleanup", brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Deletes those of `topics` and consumer groups `groupIds` that exist. A group whose members left a moment
 * ago can still be settling on the coordinator, so its deletion is retried for a few seconds before failing.
 */
async function deleteTopicsAndGroups(topics: readonly string[], groupIds: readonly string[] = []): Promise<void> {
  await withAdmin(async (admin) => {
    const existing = new Set(await admin.listTopics());
    const ours = topics.filter((topic) => existing.has(topic));
    if (ours.length > 0) await admin.deleteTopics({ topics: ours, timeout: 10_000 });
    const groups = new Set((await admin.listGroups()).groups.map((group) => group.groupId));
    let remaining = groupIds.filter((groupId) => groups.has(groupId));
    for (let attempt = 1; remaining.length > 0; attempt += 1) {
      try {
        await admin.deleteGroups(remaining);
        remaining = [];
      } catch (error) {
        const failed = (error as { groups?: { groupId: string; error?: { type?: string } }[] }).groups ?? [];
        if (attempt >= 20) {
          throw new Error(`cannot delete consumer groups: ${failed.map((group) => `${group.groupId} ${group.error?.type ?? ""}`).join(", ")}`, { cause: error });
        }
        remaining = failed.length > 0 ? failed.map((group) => group.groupId) : remaining;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  });
}

eventBusContract("Kafka", async () => new KafkaEventBus(testBusOptions), {
  waitMs: 45_000,
  deleteTopics: (topics) => deleteTopicsAndGroups(topics),
});

eventBusNamespaceContract("Kafka", async (namespace) => new KafkaEventBus({ ...testBusOptions, namespace }), {
  waitMs: 45_000,
  cleanUp: ({ topics, groupIds, namespaces }) => {
    const names = [undefined, ...namespaces].map((namespace) => eventNames(namespace));
    return deleteTopicsAndGroups(
      names.flatMap((name) => topics.map((topic) => name.topic(topic))),
      names.flatMap((name) => groupIds.map((groupId) => name.group(groupId))),
    );
  },
});

describe("KafkaEventBus names on the broker", { timeout: 90_000 }, () => {
  const run = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const namespace = `names-${run}`;
  const topic = `yunxi.contract.v1.names-${run}`;
  const groupId = `contract-names-${run}`;
  after(async () => {
    await deleteTopicsAndGroups([topic, `${namespace}.${topic}`], [groupId, `${namespace}.${groupId}`]);
  });

  it("prefixes topics and consumer groups with the namespace, and leaves them as they are without one", async () => {
    for (const ns of [namespace, undefined]) {
      const bus = new KafkaEventBus({ ...testBusOptions, namespace: ns });
      try {
        let delivered = false;
        const subscription = await bus.subscribe({ groupId, topics: [topic], handle: async () => void (delivered = true) });
        await bus.publish([{ topic, key: "k", value: new Uint8Array([1]), headers: {} }]);
        await waitFor(() => delivered, 45_000, "the message");
        await subscription.close();
      } finally {
        await bus.close();
      }
    }
    const { topics, groups } = await withAdmin(async (admin) => ({
      topics: new Set(await admin.listTopics()),
      groups: new Set((await admin.listGroups()).groups.map((group) => group.groupId)),
    }));
    assert.ok(topics.has(`${namespace}.${topic}`), "the namespaced topic");
    assert.ok(topics.has(topic), "the unprefixed topic of the bus without a namespace");
    assert.ok(groups.has(`${namespace}.${groupId}`), "the namespaced consumer group");
    assert.ok(groups.has(groupId), "the unprefixed group of the bus without a namespace");
  });
});

describe("KafkaEventBus dead-letter topics", { timeout: 90_000 }, () => {
  const run = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const namespace = `dead-${run}`;
  const groupId = `contract-dead-retention-${run}`;
  const topic = `${namespace}.${deadLetterTopic(groupId)}`;
  after(async () => {
    await deleteTopicsAndGroups([topic], [`${namespace}.${groupId}-reader`]);
  });

  it("creates a group's dead-letter topic in the namespace, kept 90 days; listing a group without one creates nothing", async () => {
    const bus = new KafkaEventBus({ ...testBusOptions, namespace });
    try {
      assert.deepEqual(await bus.listDeadLetters(groupId), []);
      assert.ok(!(await withAdmin((admin) => admin.listTopics())).includes(topic), "no topic for a group that never dead-lettered");
      // Subscribing to the dead-letter topic (as a reader would) creates it the way a dead letter does.
      const reader = await bus.subscribe({ groupId: `${groupId}-reader`, topics: [deadLetterTopic(groupId)], handle: async () => {} });
      await reader.close();
    } finally {
      await bus.close();
    }
    const described = await withAdmin((admin) =>
      admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2 /* TOPIC */, name: topic, configNames: ["retention.ms"] }] }),
    );
    const retention = described.resources[0]?.configEntries.find((entry) => entry.configName === "retention.ms");
    assert.equal(retention?.configValue, String(DEFAULT_DEAD_LETTER_RETENTION_MS));
  });
});

describe("KafkaEventBus start-up logs", { timeout: 90_000 }, () => {
  const run = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const topic = `yunxi.contract.v1.logs-${run}`;
  const refusedTopic = `yunxi.contract.v1.logs-refused-${run}`;
  after(async () => {
    await deleteTopicsAndGroups([topic, refusedTopic], [`contract-logs-${run}`]);
  });

  /** A bus whose log lines are collected as parsed JSON objects. */
  function capturingBus(options: Partial<KafkaEventBusOptions> = {}): { bus: KafkaEventBus; lines: Record<string, unknown>[] } {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const captured = createRootLogger({ level: "debug", destination });
    return { bus: new KafkaEventBus({ ...testBusOptions, ...options, logger: captured }), lines };
  }

  it("creating topics that already exist logs no error, only a debug line", async () => {
    const first = capturingBus();
    try {
      await first.bus.publish([{ topic, key: "k", value: new Uint8Array([1]), headers: {} }]);
    } finally {
      await first.bus.close();
    }
    // A second process (or a restart) finds the topic there and creates it again.
    const second = capturingBus();
    try {
      await second.bus.publish([{ topic, key: "k", value: new Uint8Array([2]), headers: {} }]);
      const subscription = await second.bus.subscribe({ groupId: `contract-logs-${run}`, topics: [topic], handle: async () => {} });
      await subscription.close();
    } finally {
      await second.bus.close();
    }
    const errors = second.lines.filter((line) => line["level"] === "error");
    assert.deepEqual(errors, [], "no error-level lines");
    assert.ok(
      second.lines.some((line) => line["level"] === "debug" && String(line["msg"]).startsWith("Response CreateTopics")),
      "KafkaJS's line about the existing topic is there, at debug",
    );
  });

  it("a topic the broker refuses to create is an error in the log and for the caller", async () => {
    // The test broker is a single node, so a replication factor of 3 cannot be met.
    const { bus, lines } = capturingBus({ replicationFactor: 3 });
    try {
      await assert.rejects(
        bus.publish([{ topic: refusedTopic, key: "k", value: new Uint8Array([1]), headers: {} }]),
        (error: unknown) => isYunxiError(error, "FailedPrecondition") && error.message.includes(refusedTopic),
      );
    } finally {
      await bus.close();
    }
    const refused = lines.find((line) => line["level"] === "error" && line["msg"] === "Kafka refused to create topics");
    assert.ok(refused, "an error line names the refusal");
    assert.match(JSON.stringify(refused["refused"]), /INVALID_REPLICATION_FACTOR/);
  });
});

describe("KafkaEventBus against an unreachable broker", () => {
  let bus: KafkaEventBus;
  before(() => {
    // Port 9 (discard) on loopback: nothing listens there, so every connection is refused.
    bus = new KafkaEventBus({ brokers: ["127.0.0.1:9"], clientId: "yunxi-unreachable-test", logger, connectTimeoutMs: 2_000 });
  });
  after(async () => {
    await bus.close();
  });

  it("fails publish with Unavailable naming the brokers, within the connect timeout", { timeout: 15_000 }, async () => {
    await assert.rejects(
      bus.publish([{ topic: "yunxi.test.v1.unreachable", key: "k", value: new Uint8Array([1]), headers: {} }]),
      (error: unknown) => isYunxiError(error, "Unavailable") && error.message.includes("127.0.0.1:9"),
    );
  });

  it("fails subscribe the same way", { timeout: 15_000 }, async () => {
    await assert.rejects(
      bus.subscribe({ groupId: "unreachable", topics: ["yunxi.test.v1.unreachable"], handle: async () => {} }),
      (error: unknown) => isYunxiError(error, "Unavailable") && error.message.includes("127.0.0.1:9"),
    );
  });
});
