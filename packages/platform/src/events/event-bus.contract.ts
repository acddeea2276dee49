import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, afterEach, describe, it } from "node:test";
import type { BusMessage, DeliveredMessage, EventBus, Subscription } from "./event-bus.js";

export interface EventBusContractOptions {
  /** Deletes topics the suite created (Kafka); the in-process buses forget them when closed. */
  readonly deleteTopics?: (topics: readonly string[]) => Promise<void>;
  /** Bound on every wait for deliveries; default 30 s. */
  readonly waitMs?: number;
}

/**
 * The one contract every {@link EventBus} implementation must pass. `open` returns a fresh bus whose
 * handler retry backoff is short (tens of milliseconds), so a retry test finishes quickly.
 */
export function eventBusContract(label: string, open: () => Promise<EventBus>, options: EventBusContractOptions = {}): void {
  const run = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const waitMs = options.waitMs ?? 30_000;
  const createdTopics: string[] = [];
  const topicFor = (name: string): string => {
    const topic = `yunxi.contract.v1.${name}-${run}`;
    createdTopics.push(topic);
    return topic;
  };
  const groupFor = (name: string): string => `contract-${name}-${run}`;

  describe(`EventBus contract: ${label}`, { timeout: 6 * waitMs }, () => {
    let bus: EventBus | undefined;
    const subscriptions: Subscription[] = [];
    const openBus = async (): Promise<EventBus> => {
      bus = await open();
      return bus;
    };

    afterEach(async () => {
      await Promise.allSettled(subscriptions.splice(0).map((subscription) => subscription.close()));
      await bus?.close();
      bus = undefined;
    });
    after(async () => {
      if (options.deleteTopics && createdTopics.length > 0) await options.deleteTopics(createdTopics);
    });

    it("delivers key, value bytes and headers unchanged", async () => {
      const events = await openBus();
      const topic = topicFor("roundtrip");
      const received: DeliveredMessage[] = [];
      subscriptions.push(
        await events.subscribe({ groupId: groupFor("roundtrip"), topics: [topic], handle: async (message) => void received.push(message) }),
      );
      const sent: BusMessage[] = [
        { topic, key: "device-1", value: new Uint8Array([0, 255, 1, 128]), headers: { ce_id: "a", traceparent: "00-x-y-01" } },
        { topic, key: "device-1", value: new Uint8Array(), headers: { "content-type": "application/protobuf", note: "印章 ✓" } },
        { topic, key: "设备-2", value: Buffer.from("payload"), headers: {} },
      ];
      await events.publish(sent);
      await waitFor(() => received.length >= 3, waitMs, "three deliveries");
      for (const expected of sent) {
        const got = received.find((message) => message.key === expected.key && sameBytes(message.value, expected.value));
        assert.ok(got, `message with key ${expected.key} delivered`);
        assert.equal(got.topic, topic);
        assert.deepEqual({ ...got.headers }, { ...expected.headers });
        assert.equal(typeof got.position, "string");
      }
      assert.equal(received.length, 3);
    });

    it("gives every consumer group every message", async () => {
      const events = await openBus();
      const topic = topicFor("groups");
      const seen = { a: [] as string[], b: [] as string[] };
      for (const name of ["a", "b"] as const) {
        subscriptions.push(
          await events.subscribe({
            groupId: groupFor(`groups-${name}`),
            topics: [topic],
            handle: async (message) => void seen[name].push(text(message)),
          }),
        );
      }
      const bodies = Array.from({ length: 12 }, (_, index) => `m${index}`);
      await events.publish(bodies.map((body, index) => message(topic, `key-${index % 3}`, body)));
      await waitFor(() => seen.a.length >= 12 && seen.b.length >= 12, waitMs, "both groups to receive 12 messages");
      assert.deepEqual([...seen.a].sort(), [...bodies].sort());
      assert.deepEqual([...seen.b].sort(), [...bodies].sort());
    });

    it("hands each message to one member within a group", async () => {
      const events = await openBus();
      const topic = topicFor("members");
      const byMember = [[] as string[], [] as string[]];
      for (const [index, list] of byMember.entries()) {
        subscriptions.push(
          await events.subscribe({
            groupId: groupFor("members"),
            topics: [topic],
            handle: async (delivered) => void list.push(`${index}:${text(delivered)}`),
          }),
        );
      }
      const bodies = Array.from({ length: 20 }, (_, index) => `m${index}`);
      await events.publish(bodies.map((body, index) => message(topic, `aggregate-${index}`, body)));
      await waitFor(() => byMember[0]!.length + byMember[1]!.length >= 20, waitMs, "20 deliveries");
      // Let any duplicate that is on its way arrive before counting.
      await delay(300);
      const all = byMember.flat().map((entry) => entry.slice(entry.indexOf(":") + 1));
      assert.deepEqual([...all].sort(), [...bodies].sort());
    });

    it("keeps order per key when many keys interleave", async () => {
      const events = await openBus();
      const topic = topicFor("order");
      const keys = ["seal-a", "seal-b", "seal-c", "seal-d", "seal-e"];
      const perKey = new Map<string, number[]>(keys.map((key) => [key, []]));
      subscriptions.push(
        await events.subscribe({
          groupId: groupFor("order"),
          topics: [topic],
          handle: async (delivered) => {
            perKey.get(delivered.key)?.push(Number(text(delivered)));
            // Yield so a bus that handled partitions concurrently would have a chance to reorder.
            if (Number(text(delivered)) % 7 === 0) await delay(2);
          },
        }),
      );
      const rounds = 20;
      for (let round = 0; round < rounds; round += 2) {
        // Two rounds per publish call, the keys interleaved within and across calls.
        await events.publish(
          [round, round + 1].flatMap((sequence) => keys.map((key) => message(topic, key, String(sequence)))),
        );
      }
      await waitFor(() => [...perKey.values()].every((list) => list.length >= rounds), waitMs, "every key's messages");
      const expected = Array.from({ length: rounds }, (_, index) => index);
      for (const key of keys) assert.deepEqual(perKey.get(key), expected, `order of ${key}`);
    });

    it("redelivers a message whose handler threw, and holds back later messages of that key", async () => {
      const events = await openBus();
      const topic = topicFor("retry");
      const attempts: string[] = [];
      const handled: string[] = [];
      let failuresLeft = 2;
      subscriptions.push(
        await events.subscribe({
          groupId: groupFor("retry"),
          topics: [topic],
          handle: async (delivered) => {
            const body = text(delivered);
            attempts.push(body);
            if (body === "k#0" && failuresLeft > 0) {
              failuresLeft -= 1;
              throw new Error("simulated handler failure");
            }
            handled.push(body);
          },
        }),
      );
      await events.publish(["k#0", "k#1", "k#2"].map((body) => message(topic, "k", body)));
      await waitFor(() => handled.length >= 3, waitMs, "all three handled");
      assert.deepEqual(handled, ["k#0", "k#1", "k#2"]);
      assert.deepEqual(attempts, ["k#0", "k#0", "k#0", "k#1", "k#2"]);
    });

    it("resumes a group after the last handled message when it subscribes again", async () => {
      const events = await openBus();
      const topic = topicFor("resume");
      const first: string[] = [];
      const subscription = await events.subscribe({
        groupId: groupFor("resume"),
        topics: [topic],
        handle: async (delivered) => void first.push(text(delivered)),
      });
      await events.publish(["a", "b", "c"].map((body) => message(topic, "k", body)));
      await waitFor(() => first.length >= 3, waitMs, "first three");
      await subscription.close();

      await events.publish(["d", "e"].map((body) => message(topic, "k", body)));
      const second: string[] = [];
      subscriptions.push(
        await events.subscribe({
          groupId: groupFor("resume"),
          topics: [topic],
          handle: async (delivered) => void second.push(text(delivered)),
        }),
      );
      await waitFor(() => second.length >= 2, waitMs, "the two later messages");
      await delay(300);
      assert.deepEqual(first, ["a", "b", "c"]);
      assert.deepEqual(second, ["d", "e"]);
    });

    it("starts a new group at the end when fromBeginning is false", async () => {
      const events = await openBus();
      const topic = topicFor("latest");
      await events.publish([message(topic, "k", "old")]);
      const received: string[] = [];
      subscriptions.push(
        await events.subscribe({
          groupId: groupFor("latest"),
          topics: [topic],
          fromBeginning: false,
          handle: async (delivered) => void received.push(text(delivered)),
        }),
      );
      await events.publish([message(topic, "k", "new")]);
      await waitFor(() => received.length >= 1, waitMs, "the new message");
      await delay(300);
      assert.deepEqual(received, ["new"]);
    });

    it("rejects a message without a key and publishes nothing of that call", async () => {
      const events = await openBus();
      const topic = topicFor("invalid");
      const received: string[] = [];
      subscriptions.push(
        await events.subscribe({ groupId: groupFor("invalid"), topics: [topic], handle: async (delivered) => void received.push(text(delivered)) }),
      );
      await assert.rejects(
        events.publish([message(topic, "k", "good"), message(topic, "", "keyless")]),
        (error: unknown) => (error as { kind?: string }).kind === "InvalidArgument",
      );
      await events.publish([message(topic, "k", "after")]);
      await waitFor(() => received.length >= 1, waitMs, "the later message");
      await delay(300);
      assert.deepEqual(received, ["after"]);
    });
  });
}

export interface EventNamespaceContractOptions {
  /** Removes what the suite created; it gets the logical topics and group ids and the namespaces used. */
  readonly cleanUp?: (used: { topics: readonly string[]; groupIds: readonly string[]; namespaces: readonly string[] }) => Promise<void>;
  /** Bound on every wait for deliveries; default 30 s. */
  readonly waitMs?: number;
  /** How long to keep listening for a message that must not arrive; default 2 s. */
  readonly quietMs?: number;
}

/**
 * The contract of a bus with installation-wide namespaces: buses opened with different namespaces (or none)
 * on one cluster share nothing, although they use the same logical topics and consumer group ids, and a
 * handler sees the logical topic. `open(undefined)` opens a bus without a namespace.
 */
export function eventBusNamespaceContract(
  label: string,
  open: (namespace: string | undefined) => Promise<EventBus>,
  options: EventNamespaceContractOptions = {},
): void {
  const run = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const waitMs = options.waitMs ?? 30_000;
  const quietMs = options.quietMs ?? 2_000;
  const namespaces = [`contract-a-${run}`, `contract-b-${run}`];
  const topics = [`yunxi.contract.v1.namespaced-${run}`, `yunxi.contract.v1.namespaced-latest-${run}`];
  const groupIds = [`contract-namespaced-${run}`, `contract-namespaced-latest-${run}`];

  describe(`EventBus namespaces: ${label}`, { timeout: 4 * waitMs }, () => {
    const buses: EventBus[] = [];
    const subscriptions: Subscription[] = [];
    const openBus = async (namespace: string | undefined): Promise<EventBus> => {
      const bus = await open(namespace);
      buses.push(bus);
      return bus;
    };

    afterEach(async () => {
      await Promise.allSettled(subscriptions.splice(0).map((subscription) => subscription.close()));
      await Promise.allSettled(buses.splice(0).map((bus) => bus.close()));
    });
    after(async () => {
      await options.cleanUp?.({ topics, groupIds, namespaces });
    });

    it("keeps installations apart that use the same topic and group id on one cluster", async () => {
      const [topic, groupId] = [topics[0]!, groupIds[0]!];
      const installations = [namespaces[0], namespaces[1], undefined] as const;
      const received = installations.map(() => [] as DeliveredMessage[]);
      const opened: EventBus[] = [];
      for (const [index, namespace] of installations.entries()) {
        const bus = await openBus(namespace);
        opened.push(bus);
        subscriptions.push(await bus.subscribe({ groupId, topics: [topic], handle: async (delivered) => void received[index]!.push(delivered) }));
      }
      const sent = [["a1", "a2", "a3"], ["b1", "b2"], ["plain1"]];
      for (const [index, bus] of opened.entries()) {
        await bus.publish(sent[index]!.map((body) => message(topic, "k", body)));
      }
      await waitFor(() => received.every((list, index) => list.length >= sent[index]!.length), waitMs, "each installation's own messages");
      // Anything that leaked across namespaces would arrive about as fast as the installation's own messages.
      await delay(quietMs);
      for (const [index, list] of received.entries()) {
        assert.deepEqual(list.map(text), sent[index], `installation ${installations[index] ?? "(no namespace)"} sees only its own messages`);
        for (const delivered of list) assert.equal(delivered.topic, topic, "the handler sees the logical topic");
      }
    });

    it("starts a new group at the end of its own namespace's topic", async () => {
      const [topic, groupId] = [topics[1]!, groupIds[1]!];
      const [a, b] = [await openBus(namespaces[0]), await openBus(namespaces[1])];
      await a.publish([message(topic, "k", "a-old")]);
      const received: string[] = [];
      subscriptions.push(
        await b.subscribe({ groupId, topics: [topic], fromBeginning: false, handle: async (delivered) => void received.push(text(delivered)) }),
      );
      await a.publish([message(topic, "k", "a-new")]);
      await b.publish([message(topic, "k", "b-new")]);
      await waitFor(() => received.length >= 1, waitMs, "namespace b's own message");
      await delay(quietMs);
      assert.deepEqual(received, ["b-new"]);
    });
  });
}

function message(topic: string, key: string, body: string): BusMessage {
  return { topic, key, value: Buffer.from(body, "utf8"), headers: { body } };
}

function text(message: DeliveredMessage): string {
  return Buffer.from(message.value).toString("utf8");
}

function sameBytes(left: Uint8Array, right: Uint8Array): boolean {
  return Buffer.from(left).equals(Buffer.from(right));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `done` until it holds; fails with `what` after `ms`, so no test waits forever. */
export async function waitFor(done: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) assert.fail(`timed out after ${ms} ms waiting for ${what}`);
    await delay(20);
  }
}
