import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { isYunxiError, type ErrorKind } from "../errors/errors.js";
import type { KeyValueStore } from "./key-value-store.js";

/**
 * The behaviour every {@link KeyValueStore} must show. Called from `memory-key-value-store.test.ts` and
 * `redis-key-value-store.integration-test.ts` (real Redis). `open(namespace)` returns a store on the shared
 * backend; the suite uses namespaces unique to this run and closes every store it opened.
 */
export function keyValueStoreContract(label: string, open: (namespace: string) => Promise<KeyValueStore>): void {
  describe(`KeyValueStore contract: ${label}`, () => {
    const run = `kvtest-${randomUUID().slice(0, 8)}`;
    const opened: KeyValueStore[] = [];
    let store: KeyValueStore;
    const openTracked = async (namespace: string) => {
      const opening = await open(namespace);
      opened.push(opening);
      return opening;
    };

    before(async () => {
      store = await openTracked(`${run}-main`);
    });

    after(async () => {
      for (const each of opened) await each.close();
    });

    it("gets, sets, replaces and deletes", async () => {
      assert.equal(store.namespace, `${run}-main`);
      assert.equal(await store.get("absent"), undefined);
      await store.set("greeting", "你好, world", { ttlSeconds: 60 });
      assert.equal(await store.get("greeting"), "你好, world");
      await store.set("greeting", "", { ttlSeconds: 60 });
      assert.equal(await store.get("greeting"), "");
      await store.delete("greeting");
      assert.equal(await store.get("greeting"), undefined);
      await store.delete("greeting");
    });

    it("expires values after their TTL, and a counter's window is fixed by its first increment", async () => {
      await store.set("ttl:set", "v", { ttlSeconds: 1 });
      assert.equal(await store.setIfAbsent("ttl:nonce", "n", { ttlSeconds: 1 }), true);
      assert.equal(await store.increment("ttl:window", { ttlSeconds: 2 }), 1);
      await store.set("ttl:long", "stays", { ttlSeconds: 30 });
      await sleep(1_100);
      assert.equal(await store.get("ttl:set"), undefined);
      assert.equal(await store.take("ttl:set"), undefined);
      assert.equal(await store.setIfAbsent("ttl:nonce", "again", { ttlSeconds: 30 }), true, "an expired nonce may be set again");
      // A later increment must not extend the window it falls into.
      assert.equal(await store.increment("ttl:window", { ttlSeconds: 2 }), 2);
      await sleep(1_100);
      assert.equal(await store.get("ttl:window"), undefined, "the window ends 2 s after its first increment");
      assert.equal(await store.increment("ttl:window", { ttlSeconds: 2 }), 1, "a new window starts at 1");
      assert.equal(await store.get("ttl:long"), "stays");
    });

    it("lets exactly one of 100 concurrent setIfAbsent calls win", async () => {
      const results = await Promise.all(Array.from({ length: 100 }, (_, i) => store.setIfAbsent("race:nonce", `caller-${i}`, { ttlSeconds: 30 })));
      const winners = results.flatMap((won, i) => (won ? [i] : []));
      assert.equal(winners.length, 1);
      assert.equal(await store.get("race:nonce"), `caller-${winners[0]}`);
    });

    it("counts exactly under concurrent increments", async () => {
      const counts = await Promise.all(Array.from({ length: 200 }, () => store.increment("race:counter", { ttlSeconds: 30 })));
      assert.deepEqual([...counts].sort((a, b) => a - b), Array.from({ length: 200 }, (_, i) => i + 1));
      assert.equal(await store.get("race:counter"), "200");
    });

    it("hands a taken value to exactly one of many concurrent takers", async () => {
      await store.set("code:login", "493817", { ttlSeconds: 30 });
      const taken = await Promise.all(Array.from({ length: 50 }, () => store.take("code:login")));
      assert.deepEqual(taken.filter((value) => value !== undefined), ["493817"]);
      assert.equal(await store.get("code:login"), undefined);
      assert.equal(await store.take("code:login"), undefined);
    });

    it("isolates namespaces, including ones that look like a prefix of a key", async () => {
      const a = await openTracked(`${run}-a`);
      const b = await openTracked(`${run}-b`);
      // With ":" as a separator, namespace "x-a" + key "b:c" and namespace "x-a:b" + key "c" would collide.
      const ab = await openTracked(`${run}-a:b`);
      await a.set("b:c", "from-a", { ttlSeconds: 30 });
      assert.equal(await b.get("b:c"), undefined);
      assert.equal(await ab.get("c"), undefined);
      assert.equal(await ab.setIfAbsent("c", "from-ab", { ttlSeconds: 30 }), true);
      assert.equal(await b.setIfAbsent("b:c", "from-b", { ttlSeconds: 30 }), true);
      assert.equal(await b.increment("n", { ttlSeconds: 30 }), 1);
      assert.equal(await a.increment("n", { ttlSeconds: 30 }), 1);
      await b.delete("b:c");
      assert.equal(await b.take("n"), "1");
      assert.equal(await a.get("b:c"), "from-a");
      assert.equal(await a.get("n"), "1");
      assert.equal(await ab.get("c"), "from-ab");
    });

    it("refuses bad keys, values and TTLs with InvalidArgument and stores nothing", async () => {
      const ttl = { ttlSeconds: 30 };
      for (const key of ["", "line\nbreak", "nul\u0000", "k".repeat(513)]) {
        await assertKind(() => store.set(key, "v", ttl), "InvalidArgument");
        await assertKind(() => store.get(key), "InvalidArgument");
        await assertKind(() => store.setIfAbsent(key, "v", ttl), "InvalidArgument");
        await assertKind(() => store.increment(key, ttl), "InvalidArgument");
        await assertKind(() => store.take(key), "InvalidArgument");
        await assertKind(() => store.delete(key), "InvalidArgument");
      }
      for (const ttlSeconds of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 31 * 24 * 3600]) {
        await assertKind(() => store.set("bad:ttl", "v", { ttlSeconds }), "InvalidArgument");
        await assertKind(() => store.setIfAbsent("bad:ttl", "v", { ttlSeconds }), "InvalidArgument");
        await assertKind(() => store.increment("bad:ttl", { ttlSeconds }), "InvalidArgument");
      }
      await assertKind(() => store.set("bad:ttl", "v", undefined as unknown as { ttlSeconds: number }), "InvalidArgument");
      await assertKind(() => store.set("bad:value", 42 as unknown as string, ttl), "InvalidArgument");
      await assertKind(() => store.set("bad:value", "x".repeat(64 * 1024 + 1), ttl), "InvalidArgument");
      assert.equal(await store.get("bad:ttl"), undefined);
      assert.equal(await store.get("bad:value"), undefined);
    });

    it("refuses to increment a key that holds text", async () => {
      await store.set("not-a-counter", "hello", { ttlSeconds: 30 });
      await assertKind(() => store.increment("not-a-counter", { ttlSeconds: 30 }), "FailedPrecondition");
      assert.equal(await store.get("not-a-counter"), "hello");
    });

    it("refuses calls after close", async () => {
      const closing = await openTracked(`${run}-closing`);
      await closing.set("k", "v", { ttlSeconds: 30 });
      await closing.close();
      await assertKind(() => closing.get("k"), "FailedPrecondition");
      await closing.close();
    });
  });
}

async function assertKind(operation: () => Promise<unknown>, kind: ErrorKind): Promise<void> {
  await assert.rejects(operation, (error: unknown) => isYunxiError(error, kind), `expected ${kind}`);
}
