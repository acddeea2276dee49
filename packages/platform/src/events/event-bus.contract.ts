import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, afterEach, describe, it } from "node:test";
import { failedPrecondition, invalidArgument, isYunxiError, resourceExhausted, unavailable } from "../errors/errors.js";
import { DEAD_LETTER_HEADERS, deadLetterTopic, runDeadLettersCommand, type DeadLetterQueue } from "./dead-letters.js";
import type { BusMessage, DeliveredMessage, EventBus, Subscription } from "./event-bus.js";

export interface EventBusContractOptions {
  /** Deletes topics the suite created (Kafka); the in-process buses forget them when closed. */
  readonly deleteTopics?: (topics: readonly string[]) => Promise<void>;
  /** Bound on every wait for deliveries; default 30 s. */
  readonly waitMs?: number;
  /** The `retry.maxAttempts` of the buses `open` returns; default 3. */
  readonly maxAttempts?: number;
}

/**
 * The one contract every {@link EventBus} implementation must pass, dead letters included. `open` returns
 * a fresh bus whose handler retry backoff is short (e.g. initialMs 5, maxMs 20) and whose `maxAttempts`
 * is small (`options.maxAttempts`), so retry tests finish quickly.
 */
export function eventBusContract(
  label: string,
  open: () => Promise<EventBus & DeadLetterQueue>,
  options: EventBusContractOptions = {},
): void {
  const run = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const waitMs = options.waitMs ?? 30_000;
  const createdTopics: string[] = [];
  const topicFor = (name: string): string => {
    const topic = `yunxi.contract.v1.${name}-${run}`;
    createdTopics.push(topic);
    return topic;
  };
  const groupFor = (name: string): string => `contract-${name}-${run}`;
  const maxAttempts = options.maxAttempts ?? 3;
  /** The dead-letter topic of a group, recorded for deletion (listing creates it on Kafka). */
  const deadLettersOf = (groupId: string): string => {
    const topic = deadLetterTopic(groupId);
    createdTopics.push(topic);
    return topic;
  };

  describe(`EventBus contract: ${label}`, { timeout: 6 * waitMs }, () => {
    let bus: (EventBus & DeadLetterQueue) | undefined;
    const subscriptions: Subscription[] = [];
    const openBus = async (): Promise<EventBus & DeadLetterQueue> => {
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

    it("dead-letters a message failing permanently after maxAttempts, then handles the next of its key; other groups unaffected", async () => {
      const events = await openBus();
      const topic = topicFor("poison");
      const [group, other, reader] = [groupFor("poison"), groupFor("poison-other"), groupFor("poison-reader")];
      const deadLetters = deadLettersOf(group);
      deadLettersOf(other);
      const attempts = new Map<string, number>();
      const handled: string[] = [];
      const otherHandled: string[] = [];
      const dead: DeliveredMessage[] = [];
      subscriptions.push(
        await events.subscribe({
          groupId: group,
          topics: [topic],
          handle: async (delivered) => {
            const body = text(delivered);
            attempts.set(body, (attempts.get(body) ?? 0) + 1);
            if (body === "poison") throw invalidArgument("no version of this handler accepts the payload");
            // A bug: a plain TypeError, which is as permanent as any InvalidArgument.
            if (body === "bug") (undefined as unknown as { field: string }).field.trim();
            handled.push(body);
          },
        }),
        await events.subscribe({ groupId: other, topics: [topic], handle: async (delivered) => void otherHandled.push(text(delivered)) }),
        await events.subscribe({ groupId: reader, topics: [deadLetters], handle: async (delivered) => void dead.push(delivered) }),
      );
      const poison: BusMessage = {
        topic,
        key: "k",
        value: new Uint8Array([112, 111, 105, 115, 111, 110]), // "poison"
        headers: { ce_id: `poison-${run}`, ce_type: "yunxi.contract.v1.Poison", traceparent: "00-abc-def-01" },
      };
      await events.publish([message(topic, "k", "before"), poison, message(topic, "k", "after"), message(topic, "k2", "bug"), message(topic, "k2", "after-bug")]);
      await waitFor(
        () => handled.includes("after") && handled.includes("after-bug") && otherHandled.length >= 5 && dead.length >= 2,
        waitMs,
        "the poison and bug messages dead-lettered and the later ones handled",
      );
      assert.deepEqual([...handled].sort(), ["after", "after-bug", "before"]);
      assert.deepEqual(handled.filter((body) => body === "before" || body === "after"), ["before", "after"], "order of key k");
      assert.equal(attempts.get("poison"), maxAttempts, "the poison message was attempted exactly maxAttempts times");
      assert.equal(attempts.get("bug"), maxAttempts, "the TypeError message was attempted exactly maxAttempts times");
      assert.deepEqual([...otherHandled].sort(), ["after", "after-bug", "before", "bug", "poison"], "the other group handled everything");

      const deadPoison = dead.find((delivered) => delivered.key === "k");
      assert.ok(deadPoison, "the poison message is in the group's dead-letter topic");
      assert.ok(sameBytes(deadPoison.value, poison.value), "with its value unchanged");
      assert.equal(deadPoison.headers["ce_id"], poison.headers["ce_id"]);
      assert.equal(deadPoison.headers["traceparent"], poison.headers["traceparent"]);
      assert.equal(deadPoison.headers[DEAD_LETTER_HEADERS.topic], topic);
      assert.equal(deadPoison.headers[DEAD_LETTER_HEADERS.group], group);
      assert.equal(deadPoison.headers[DEAD_LETTER_HEADERS.attempts], String(maxAttempts));
      assert.equal(deadPoison.headers[DEAD_LETTER_HEADERS.errorKind], "InvalidArgument");
      assert.match(deadPoison.headers[DEAD_LETTER_HEADERS.error] ?? "", /no version of this handler accepts the payload/);
      assert.match(deadPoison.headers[DEAD_LETTER_HEADERS.position] ?? "", /^\d+:\d+$/);
      assert.ok(!Number.isNaN(Date.parse(deadPoison.headers[DEAD_LETTER_HEADERS.time] ?? "")), "a dead-letter time");
      const deadBug = dead.find((delivered) => delivered.key === "k2");
      assert.ok(deadBug, "the TypeError message is in the dead-letter topic");
      assert.equal(text(deadBug), "bug");
      assert.equal(deadBug.headers[DEAD_LETTER_HEADERS.errorKind], "Internal");
      assert.match(deadBug.headers[DEAD_LETTER_HEADERS.error] ?? "", /^TypeError: /);

      // Once each, and nothing for the group whose handler never failed.
      await delay(300);
      assert.equal(dead.length, 2);
      const listed = await events.listDeadLetters(group);
      assert.deepEqual(listed.map((letter) => letter.key).sort(), ["k", "k2"]);
      const listedPoison = listed.find((letter) => letter.key === "k");
      assert.ok(listedPoison);
      assert.equal(listedPoison.topic, topic);
      assert.equal(listedPoison.groupId, group);
      assert.equal(listedPoison.attempts, maxAttempts);
      assert.equal(listedPoison.errorKind, "InvalidArgument");
      assert.deepEqual({ ...listedPoison.headers }, { ...poison.headers }, "the original headers, without x-dead-letter-*");
      assert.deepEqual(await events.listDeadLetters(other), []);
    });

    it("retries passing faults beyond maxAttempts and dead-letters nothing", async () => {
      const events = await openBus();
      const topic = topicFor("passing");
      const group = groupFor("passing");
      deadLettersOf(group);
      const faults: (() => unknown)[] = [
        () => unavailable("database is down"),
        () => resourceExhausted("peer is overloaded"),
        // A KafkaJS error marked retriable (a leader election).
        () => Object.assign(new Error("There is no leader for this topic-partition"), { name: "KafkaJSProtocolError", retriable: true }),
        // A gRPC client error: DEADLINE_EXCEEDED from a peer.
        () => Object.assign(new Error("4 DEADLINE_EXCEEDED: Deadline exceeded"), { code: 4, details: "Deadline exceeded", metadata: {} }),
        // A plain error caused by a refused connection.
        () => new Error("query failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }) }),
      ];
      const failures = maxAttempts + 3;
      let attempts = 0;
      const handled: string[] = [];
      subscriptions.push(
        await events.subscribe({
          groupId: group,
          topics: [topic],
          handle: async (delivered) => {
            const body = text(delivered);
            if (body === "flaky") {
              attempts += 1;
              if (attempts <= failures) throw faults[(attempts - 1) % faults.length]!();
            }
            handled.push(body);
          },
        }),
      );
      await events.publish([message(topic, "k", "flaky"), message(topic, "k", "next")]);
      await waitFor(() => handled.length >= 2, waitMs, "the flaky message and the next one handled");
      assert.deepEqual(handled, ["flaky", "next"]);
      assert.equal(attempts, failures + 1);
      assert.deepEqual(await events.listDeadLetters(group), []);
    });

    it("lists and replays dead letters with the dead-letters command, each once", async () => {
      const events = await openBus();
      const topic = topicFor("replay");
      const group = groupFor("replay");
      deadLettersOf(group);
      let broken = true;
      const handled: string[] = [];
      subscriptions.push(
        await events.subscribe({
          groupId: group,
          topics: [topic],
          handle: async (delivered) => {
            const body = text(delivered);
            if (broken && body.startsWith("payload-secret")) throw failedPrecondition("handler cannot take this yet");
            handled.push(body);
          },
        }),
      );
      await events.publish([
        message(topic, "a", "payload-secret-1"),
        message(topic, "a", "ok-a"),
        message(topic, "b", "payload-secret-2"),
        message(topic, "b", "ok-b"),
      ]);
      await waitFor(() => handled.includes("ok-a") && handled.includes("ok-b"), waitMs, "both keys to move past their dead letters");
      // The fix is deployed.
      broken = false;
      const lines: string[] = [];
      const command = (...args: string[]) => runDeadLettersCommand(events, args, (line) => void lines.push(line));

      await assert.rejects(command("replay"), (error: unknown) => isYunxiError(error, "InvalidArgument") && /--group/.test(error.message));
      assert.equal((await command("list", "--group", group)).length, 2);
      assert.match(lines[0] ?? "", new RegExp(`^2 dead letter\\(s\\) waiting for group ${group}$`));
      const keyA = lines.find((line) => line.includes("key=a "));
      assert.ok(keyA, "a line for key a");
      assert.ok(keyA.includes(`topic=${topic}`) && keyA.includes(`attempts=${maxAttempts}`) && keyA.includes("FailedPrecondition"), keyA);
      assert.ok(!lines.join("\n").includes("payload-secret"), "no payload in the output");

      lines.length = 0;
      const first = await command("replay", "--group", group, "--limit", "1");
      assert.equal(first.length, 1);
      assert.match(lines[0] ?? "", /^1 dead letter\(s\) replayed/);
      assert.equal((await events.listDeadLetters(group)).length, 1, "one left after a replay limited to one");
      const rest = await command("replay", "--group", group);
      assert.equal(rest.length, 1);
      assert.notEqual(rest[0]!.key, first[0]!.key, "the second replay takes the other one");
      await waitFor(
        () => handled.includes("payload-secret-1") && handled.includes("payload-secret-2"),
        waitMs,
        "the replayed messages handled",
      );
      assert.deepEqual(await events.listDeadLetters(group), []);
      assert.deepEqual(await events.replayDeadLetters(group), [], "nothing is replayed twice");
      await delay(300);
      assert.deepEqual(handled.filter((body) => body.startsWith("payload-secret")).sort(), ["payload-secret-1", "payload-secret-2"]);
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
