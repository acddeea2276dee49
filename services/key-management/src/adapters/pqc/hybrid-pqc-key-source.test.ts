import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HybridPqcKeySource, LocalHybridKemPeer } from "./hybrid-pqc-key-source.js";

describe("ML-KEM-768 + X25519 hybrid key source", () => {
  it("derives the same 32-byte secret on both sites, fresh for every exchange", async () => {
    const peer = new LocalHybridKemPeer("site-b");
    const source = new HybridPqcKeySource("site-a", peer);
    const first = await source.obtain({ organisationId: "org-1", keyName: "k", bytes: 32 });
    const second = await source.obtain({ organisationId: "org-1", keyName: "k", bytes: 32 });
    assert.equal(first.material.length, 32);
    assert.equal(first.provenance.securityLevel, "pqc");
    assert.deepEqual(first.provenance.path, ["site-a", "site-b"]);
    const derived = [...peer.derived.values()];
    assert.equal(derived.length, 2);
    assert.deepEqual(derived[0], first.material);
    assert.deepEqual(derived[1], second.material);
    assert.notDeepEqual(first.material, second.material);
  });
});
