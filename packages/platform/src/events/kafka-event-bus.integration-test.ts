import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Kafka, logLevel } from "kafkajs";
import { isYunxiError } from "../errors/errors.js";
import { createRootLogger } from "../logging/logger.js";
import { requireTestServer } from "../testing/servers.js";
import { eventBusContract } from "./event-bus.contract.js";
import { KafkaEventBus } from "./kafka-event-bus.js";

const logger = createRootLogger({ level: process.env.LOG_LEVEL ?? "silent" });
const brokers = (await requireTestServer("kafka")).split(",");

eventBusContract(
  "Kafka",
  async () =>
    new KafkaEventBus({
      brokers,
      clientId: "yunxi-contract-test",
      logger,
      partitions: 4,
      replicationFactor: 1,
      sessionTimeoutMs: 10_000,
      retry: { initialMs: 50, maxMs: 200 },
    }),
  {
    waitMs: 45_000,
    deleteTopics: async (topics) => {
      const admin = new Kafka({ clientId: "yunxi-contract-cleanup", brokers, logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      try {
        const existing = new Set(await admin.listTopics());
        const ours = topics.filter((topic) => existing.has(topic));
        if (ours.length > 0) await admin.deleteTopics({ topics: ours, timeout: 10_000 });
      } finally {
        await admin.disconnect();
      }
    },
  },
);

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
