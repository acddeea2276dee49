import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { isYunxiError } from "@yunxi/platform";
import type { KeyStore, PolicyStore, StoredKeyRing } from "../../app/ports.js";
import type { KeyVersion } from "../../domain/key-ring.js";

/** A key store and policy store on a fresh schema, and how to dispose of them. */
export interface KeyStoresUnderTest {
  readonly keys: KeyStore;
  readonly policies: PolicyStore;
  close(): Promise<void>;
}

const at = new Date("2026-01-02T03:04:05.678Z");
const version = (n: number, operations = 0): KeyVersion => ({
  version: n,
  createdAt: at,
  provenance: { securityLevel: n === 1 ? "qkd" : "pqc", qkdKeyIds: n === 1 ? ["kid-1", "kid-2"] : [], path: n === 1 ? ["site-a", "site-b"] : [] },
  operations,
});
const ringOf = (organisationId: string, name: string, maxOperationsPerVersion = 3_865_470_566): StoredKeyRing => ({
  ring: { organisationId, name, suite: "sm4-ctr-hmac-sm3", versions: [version(1)], minDecryptionVersion: 1, maxOperationsPerVersion },
  sealedMaterial: new Map([[1, randomBytes(60)]]),
});

/** The behaviour every KeyStore/PolicyStore must have, registered as one describe block. */
export function keyStoreContract(label: string, open: () => Promise<KeyStoresUnderTest>): void {
  describe(`KeyStore contract: ${label}`, { timeout: 60_000 }, () => {
    let stores: KeyStoresUnderTest;
    before(async () => {
      stores = await open();
    });
    after(async () => {
      await stores?.close();
    });

    it("stores a ring with its sealed material and versions, byte for byte, scoped by organisation", async () => {
      const stored = ringOf("org-a", "records");
      await stores.keys.create(stored);
      const read = await stores.keys.get("org-a", "records");
      assert.ok(read);
      assert.deepEqual(read.ring, stored.ring);
      assert.deepEqual(read.sealedMaterial.get(1), stored.sealedMaterial.get(1));
      assert.equal(await stores.keys.get("org-b", "records"), undefined);
      await assert.rejects(stores.keys.create(ringOf("org-a", "records")), (e) => isYunxiError(e, "AlreadyExists"));
      // The same name in another organisation is another ring.
      await stores.keys.create(ringOf("org-b", "records"));
      assert.notDeepEqual((await stores.keys.get("org-b", "records"))?.sealedMaterial.get(1), stored.sealedMaterial.get(1));
    });

    it("adds versions in order, sets the minimum decryption version, and reports a sample for the storage-key check", async () => {
      await stores.keys.create(ringOf("org-a", "rotating"));
      const sealed2 = randomBytes(60);
      await stores.keys.addVersion("org-a", "rotating", version(2), sealed2);
      await assert.rejects(stores.keys.addVersion("org-a", "rotating", version(2), randomBytes(60)), (e) => isYunxiError(e, "AlreadyExists"));
      await assert.rejects(stores.keys.addVersion("org-a", "missing", version(2), randomBytes(60)), (e) => isYunxiError(e, "NotFound"));
      await stores.keys.setMinDecryptionVersion("org-a", "rotating", 2);
      await assert.rejects(stores.keys.setMinDecryptionVersion("org-b", "rotating", 2), (e) => isYunxiError(e, "NotFound"));
      const read = await stores.keys.get("org-a", "rotating");
      assert.deepEqual(read?.ring.versions.map((v) => v.version), [1, 2]);
      assert.deepEqual(read?.ring.versions[1]?.provenance, version(2).provenance);
      assert.equal(read?.ring.minDecryptionVersion, 2);
      assert.deepEqual(read?.sealedMaterial.get(2), sealed2);
      const sample = await stores.keys.anySealedVersion();
      assert.ok(sample);
      const ring = await stores.keys.get(sample.organisationId, sample.name);
      assert.deepEqual(ring?.sealedMaterial.get(sample.version), sample.sealedMaterial);
    });

    it("never lets 50 concurrent reservations pass the per-version limit", async () => {
      await stores.keys.create(ringOf("org-a", "limited", 20));
      const results = await Promise.all(Array.from({ length: 50 }, () => stores.keys.reserveOperations("org-a", "limited", 1, 1, 20)));
      assert.equal(results.filter(Boolean).length, 20);
      assert.equal((await stores.keys.get("org-a", "limited"))?.ring.versions[0]?.operations, 20);
      assert.equal(await stores.keys.reserveOperations("org-a", "limited", 1, 1, 20), false);
      await assert.rejects(stores.keys.reserveOperations("org-a", "limited", 9, 1, 20), (e) => isYunxiError(e, "NotFound"));
    });

    it("counts past 2^31 without overflow", async () => {
      await stores.keys.create(ringOf("org-a", "big"));
      assert.equal(await stores.keys.reserveOperations("org-a", "big", 1, 3_000_000_000, 3_865_470_566), true);
      assert.equal(await stores.keys.reserveOperations("org-a", "big", 1, 1_000_000_000, 3_865_470_566), false);
      assert.equal((await stores.keys.get("org-a", "big"))?.ring.versions[0]?.operations, 3_000_000_000);
    });

    it("keeps one policy per organisation and replaces it", async () => {
      assert.equal(await stores.policies.get("org-p"), undefined);
      await stores.policies.put({ organisationId: "org-p", suite: "aes-256-gcm", requireQkd: false });
      await stores.policies.put({ organisationId: "org-p", suite: "sm4-ctr-hmac-sm3", requireQkd: true });
      assert.deepEqual(await stores.policies.get("org-p"), { organisationId: "org-p", suite: "sm4-ctr-hmac-sm3", requireQkd: true });
      assert.equal(await stores.policies.get("org-q"), undefined);
    });
  });
}
