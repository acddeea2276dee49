import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { EmbeddedPostgres } from "../db/pglite-sql-database.js";
import { createRootLogger } from "../logging/logger.js";
import { eventually } from "../testing/eventually.js";
import { deadLetterTopic } from "./dead-letters.js";
import { eventBusContract, waitFor } from "./event-bus.contract.js";
import { InProcessEventBus } from "./in-process-event-bus.js";

const logger = createRootLogger({ level: "silent" });
const retry = { initialMs: 5, maxMs: 20, maxAttempts: 3 };
// The restart test's handler fails until the "process dies": it must not be dead-lettered before that.
const retryUntilRestart = { initialMs: 20, maxMs: 100, maxAttempts: 1_000 };

let embedded: EmbeddedPostgres | undefined;
let schemaCount = 0;

before(async () => {
  embedded = await EmbeddedPostgres.open();
});
after(async () => {
  await embedded?.close();
});

eventBusContract("in-process, durable on PGlite", async () => {
  assert.ok(embedded);
  // A fresh schema per test: the log of one test never leaks into another.
  const db = await embedded.database(`platform_bus_${++schemaCount}`);
  return InProcessEventBus.durable(db, { logger, retry, partitions: 4 });
});

eventBusContract("in-process, in memory", async () => InProcessEventBus.inMemory({ logger, retry, partitions: 3 }));

describe("InProcessEventBus (durable) across a process restart", () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "yunxi-bus-"));
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("redelivers what was not handled before the restart, and nothing that was", async () => {
    const topic = "yunxi.test.v1.restart";
    const published = ["a1", "a2", "a3", "b1", "b2"];
    const handledBefore: string[] = [];
    {
      const instance = await EmbeddedPostgres.open({ dataDir });
      const bus = await InProcessEventBus.durable(await instance.database("platform_bus"), { logger, retry: retryUntilRestart });
      await bus.publish(published.map((body) => ({ topic, key: body.slice(0, 1), value: Buffer.from(body), headers: { body } })));
      const subscription = await bus.subscribe({
        groupId: "restart-test",
        topics: [topic],
        handle: async (message) => {
          const body = Buffer.from(message.value).toString();
          // The process "dies" while a2 is being handled: it never resolves before the restart.
          if (body === "a2") throw new Error("crash while handling a2");
          handledBefore.push(body);
        },
      });
      await waitFor(() => handledBefore.includes("a1") && handledBefore.includes("b2"), 10_000, "a1, b1 and b2");
      await subscription.close();
      await bus.close();
      await instance.close();
    }
    assert.deepEqual([...handledBefore].sort(), ["a1", "b1", "b2"]);

    const instance = await EmbeddedPostgres.open({ dataDir });
    try {
      const bus = await InProcessEventBus.durable(await instance.database("platform_bus"), { logger, retry });
      const handledAfter: string[] = [];
      await bus.subscribe({
        groupId: "restart-test",
        topics: [topic],
        handle: async (message) => void handledAfter.push(Buffer.from(message.value).toString()),
      });
      await waitFor(() => handledAfter.length >= 2, 10_000, "a2 and a3 after the restart");
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.deepEqual(handledAfter, ["a2", "a3"]);
      // A group that never consumed sees the whole retained log.
      const fresh: string[] = [];
      await bus.subscribe({ groupId: "restart-new", topics: [topic], handle: async (m) => void fresh.push(Buffer.from(m.value).toString()) });
      await waitFor(() => fresh.length >= 5, 10_000, "the whole log for a new group");
      assert.deepEqual([...fresh].sort(), [...published].sort());
      await bus.close();
    } finally {
      await instance.close();
    }
  });

  it("loses nothing that publish acknowledged, even with no subscriber yet", async () => {
    const topic = "yunxi.test.v1.no-subscriber";
    {
      const instance = await EmbeddedPostgres.open({ dataDir });
      const bus = await InProcessEventBus.durable(await instance.database("platform_bus"), { logger });
      await bus.publish([{ topic, key: "k", value: Buffer.from("kept"), headers: {} }]);
      await bus.close();
      await instance.close();
    }
    const instance = await EmbeddedPostgres.open({ dataDir });
    try {
      const bus = await InProcessEventBus.durable(await instance.database("platform_bus"), { logger });
      const received: string[] = [];
      await bus.subscribe({ groupId: "late", topics: [topic], handle: async (m) => void received.push(Buffer.from(m.value).toString()) });
      await waitFor(() => received.length >= 1, 10_000, "the message published before the restart");
      assert.deepEqual(received, ["kept"]);
      await bus.close();
    } finally {
      await instance.close();
    }
  });
});

describe("InProcessEventBus (durable) retention", () => {
  it("prunes ordinary messages after retentionMs and keeps dead letters for deadLetterRetentionMs", async () => {
    assert.ok(embedded);
    const db = await embedded.database("platform_bus_retention");
    const first = await InProcessEventBus.durable(db, { logger });
    await first.publish([
      { topic: "yunxi.test.v1.retention", key: "k", value: Buffer.from("ordinary"), headers: {} },
      { topic: deadLetterTopic("retention-group"), key: "k", value: Buffer.from("dead"), headers: { "x-dead-letter-topic": "yunxi.test.v1.retention" } },
    ]);
    await first.close();
    // Ten days old: past the default 7-day retention, within the 90 days of dead letters.
    await db.query(`UPDATE bus_message SET created_at = now() - interval '10 days'`);
    const second = await InProcessEventBus.durable(db, { logger });
    try {
      const topics = async () => (await db.query<{ topic: string }>(`SELECT topic FROM bus_message ORDER BY seq`)).map((row) => row.topic);
      // Pruning runs in the background after open.
      await eventually("the ordinary message pruned", async () => ((await topics()).length <= 1 ? true : undefined));
      assert.deepEqual(await topics(), [deadLetterTopic("retention-group")]);
      assert.equal((await second.listDeadLetters("retention-group")).length, 1);
    } finally {
      await second.close();
    }
  });
});
