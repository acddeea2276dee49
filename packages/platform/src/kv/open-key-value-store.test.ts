import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MemoryKeyValueStore } from "./memory-key-value-store.js";
import { keyValueStoreOpener } from "./open-key-value-store.js";
import { RedisKeyValueStore } from "./redis-key-value-store.js";

describe("keyValueStoreOpener", () => {
  it("shares one memory space between the namespaces of a process, isolated by namespace", async () => {
    const open = keyValueStoreOpener({});
    const a = open("svc-a");
    const b = open("svc-b");
    assert.ok(a instanceof MemoryKeyValueStore);
    await a.set("k", "from-a", { ttlSeconds: 10 });
    assert.equal(await b.get("k"), undefined);
    assert.equal(await open("svc-a").get("k"), "from-a");
  });

  it("opens Redis stores when REDIS_URL is set", async () => {
    const store = keyValueStoreOpener({ REDIS_URL: "redis://127.0.0.1:1", CONNECT_TIMEOUT_MS: 500 })("svc");
    assert.ok(store instanceof RedisKeyValueStore);
    assert.equal(store.namespace, "svc");
    await store.close();
  });
});
