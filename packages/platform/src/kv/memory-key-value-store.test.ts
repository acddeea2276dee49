import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { isYunxiError } from "../errors/errors.js";
import { keyValueStoreContract } from "./key-value-store.contract.js";
import { MemoryKeySpace, MemoryKeyValueStore } from "./memory-key-value-store.js";

// One space for every store the suite opens, as one process shares one in-memory backend.
const space = new MemoryKeySpace();
keyValueStoreContract("MemoryKeyValueStore", async (namespace) => new MemoryKeyValueStore({ namespace, space }));

describe("MemoryKeyValueStore specifics", () => {
  it("sweeps expired entries in the background and stops sweeping when empty", async () => {
    let now = 1_000_000;
    const swept = new MemoryKeySpace({ now: () => now, sweepIntervalMs: 5 });
    const store = new MemoryKeyValueStore({ namespace: "sweep", space: swept });
    await store.set("a", "1", { ttlSeconds: 1 });
    await store.set("b", "2", { ttlSeconds: 1 });
    assert.equal(swept.size, 2);
    assert.equal(swept.sweeping, true);
    now += 1_001;
    for (let i = 0; i < 100 && swept.size > 0; i++) await sleep(5);
    assert.equal(swept.size, 0);
    for (let i = 0; i < 100 && swept.sweeping; i++) await sleep(5);
    assert.equal(swept.sweeping, false);
    await store.close();
  });

  it("clears a private space on close", async () => {
    const store = new MemoryKeyValueStore({ namespace: "private" });
    await store.set("a", "1", { ttlSeconds: 60 });
    await store.close();
    await assert.rejects(store.get("a"), (e) => isYunxiError(e, "FailedPrecondition"));
  });

  it("refuses a bad namespace", () => {
    for (const namespace of ["", "has|bar", "has space", "-leading", "x".repeat(101)]) {
      assert.throws(() => new MemoryKeyValueStore({ namespace }), (e) => isYunxiError(e, "InvalidArgument"), namespace);
    }
  });
});
