import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { isYunxiError } from "@yunxi/platform";
import type { KeyOperation, KeyOperationEvent, KeyStore, PolicyStore, StoredKeyRing } from "../../app/ports.js";
import type { KeyVersion } from "../../domain/key-ring.js";

/** The fields of a recorded audit event the contract compares. */
export interface RecordedEvent {
  readonly operation: string;
  readonly actor: string;
  readonly organisationId: string;
  readonly keyName: string;
  readonly keyVersion: number;
}

/** A key store and policy store on a fresh schema, where their events go, and how to dispose of them. */
export interface KeyStoresUnderTest {
  readonly keys: KeyStore;
  readonly policies: PolicyStore;
  /** Every event the stores recorded (the outbox), oldest first. */
  events(): Promise<RecordedEvent[]>;
  /** From now on recording an event fails (as a refused outbox write would), until `acceptEvents`. */
  refuseEvents(): Promise<void>;
  acceptEvents(): Promise<void>;
  close(): Promise<void>;
}

const at = new Date("2026-01-02T03:04:05.678Z");
const version = (n: number, operations = 0): KeyVersion => ({
  version: n,
  createdAt: at,
  provenance: { securityLevel: n === 1 ? "qkd" : "pqc", qkdKeyIds: n === 1 ? ["kid-1", "kid-2"] : [], path: n === 1 ? ["site-a", "site-b"] : [] },
  operations,
});
const event = (operation: KeyOperation, organisationId: string, keyName: string, keyVersion: number): KeyOperationEvent => ({
  operation,
  outcome: "ok",
  actor: "contract",
  organisationId,
  keyName,
  keyVersion,
  securityLevel: "qkd",
  qkdKeyIds: [],
  path: [],
  detail: "",
  occurredAt: at,
});
const recorded = (operation: KeyOperation, organisationId: string, keyName: string, keyVersion: number): RecordedEvent => ({ operation, actor: "contract", organisationId, keyName, keyVersion });
const created = (organisationId: string, name: string) => [event("create-key", organisationId, name, 1)];
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
      await stores.keys.create(stored, created("org-a", "records"));
      const read = await stores.keys.get("org-a", "records");
      assert.ok(read);
      assert.deepEqual(read.ring, stored.ring);
      assert.deepEqual(read.sealedMaterial.get(1), stored.sealedMaterial.get(1));
      assert.equal(await stores.keys.get("org-b", "records"), undefined);
      await assert.rejects(stores.keys.create(ringOf("org-a", "records"), created("org-a", "records")), (e) => isYunxiError(e, "AlreadyExists"));
      // The same name in another organisation is another ring.
      await stores.keys.create(ringOf("org-b", "records"), created("org-b", "records"));
      assert.notDeepEqual((await stores.keys.get("org-b", "records"))?.sealedMaterial.get(1), stored.sealedMaterial.get(1));
    });

    it("adds versions in order, sets the minimum decryption version, and reports a sample for the storage-key check", async () => {
      await stores.keys.create(ringOf("org-a", "rotating"), created("org-a", "rotating"));
      const sealed2 = randomBytes(60);
      await stores.keys.addVersion("org-a", "rotating", version(2), sealed2, [event("rotate-key", "org-a", "rotating", 2)]);
      await assert.rejects(stores.keys.addVersion("org-a", "rotating", version(2), randomBytes(60), [event("rotate-key", "org-a", "rotating", 2)]), (e) => isYunxiError(e, "AlreadyExists"));
      await assert.rejects(stores.keys.addVersion("org-a", "missing", version(2), randomBytes(60), [event("rotate-key", "org-a", "missing", 2)]), (e) => isYunxiError(e, "NotFound"));
      await stores.keys.setMinDecryptionVersion("org-a", "rotating", 2, [event("set-key-config", "org-a", "rotating", 2)]);
      await assert.rejects(stores.keys.setMinDecryptionVersion("org-b", "rotating", 2, [event("set-key-config", "org-b", "rotating", 2)]), (e) => isYunxiError(e, "NotFound"));
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
      await stores.keys.create(ringOf("org-a", "limited", 20), created("org-a", "limited"));
      const use = () => [event("encrypt", "org-a", "limited", 1)];
      const results = await Promise.all(Array.from({ length: 50 }, () => stores.keys.reserveOperations("org-a", "limited", 1, 1, 20, use())));
      assert.equal(results.filter(Boolean).length, 20);
      assert.equal((await stores.keys.get("org-a", "limited"))?.ring.versions[0]?.operations, 20);
      assert.equal(await stores.keys.reserveOperations("org-a", "limited", 1, 1, 20, use()), false);
      await assert.rejects(stores.keys.reserveOperations("org-a", "limited", 9, 1, 20, use()), (e) => isYunxiError(e, "NotFound"));
      // One event per counted use: refused reservations recorded nothing.
      assert.equal((await stores.events()).filter((e) => e.keyName === "limited" && e.operation === "encrypt").length, 20);
    });

    it("counts past 2^31 without overflow", async () => {
      await stores.keys.create(ringOf("org-a", "big"), created("org-a", "big"));
      assert.equal(await stores.keys.reserveOperations("org-a", "big", 1, 3_000_000_000, 3_865_470_566, [event("encrypt", "org-a", "big", 1)]), true);
      assert.equal(await stores.keys.reserveOperations("org-a", "big", 1, 1_000_000_000, 3_865_470_566, [event("encrypt", "org-a", "big", 1)]), false);
      assert.equal((await stores.keys.get("org-a", "big"))?.ring.versions[0]?.operations, 3_000_000_000);
    });

    it("keeps one policy per organisation and replaces it", async () => {
      assert.equal(await stores.policies.get("org-p"), undefined);
      await stores.policies.put({ organisationId: "org-p", suite: "aes-256-gcm", requireQkd: false }, [event("set-policy", "org-p", "", 0)]);
      await stores.policies.put({ organisationId: "org-p", suite: "sm4-ctr-hmac-sm3", requireQkd: true }, [event("set-policy", "org-p", "", 0)]);
      assert.deepEqual(await stores.policies.get("org-p"), { organisationId: "org-p", suite: "sm4-ctr-hmac-sm3", requireQkd: true });
      assert.equal(await stores.policies.get("org-q"), undefined);
    });

    it("records exactly the given events with each change, and none with a change refused", async () => {
      const before = (await stores.events()).length;
      const since = async () => (await stores.events()).slice(before);
      await stores.keys.create(ringOf("org-e", "evidenced"), [event("downgrade", "org-e", "evidenced", 1), event("create-key", "org-e", "evidenced", 1)]);
      await stores.keys.addVersion("org-e", "evidenced", version(2), randomBytes(60), [event("rotate-key", "org-e", "evidenced", 2)]);
      await stores.keys.setMinDecryptionVersion("org-e", "evidenced", 2, [event("set-key-config", "org-e", "evidenced", 2)]);
      assert.equal(await stores.keys.reserveOperations("org-e", "evidenced", 2, 1, 10, [event("generate-data-key", "org-e", "evidenced", 2)]), true);
      await stores.policies.put({ organisationId: "org-e", suite: "aes-256-gcm", requireQkd: true }, [event("set-policy", "org-e", "", 0)]);
      const expected = [
        recorded("downgrade", "org-e", "evidenced", 1),
        recorded("create-key", "org-e", "evidenced", 1),
        recorded("rotate-key", "org-e", "evidenced", 2),
        recorded("set-key-config", "org-e", "evidenced", 2),
        recorded("generate-data-key", "org-e", "evidenced", 2),
        recorded("set-policy", "org-e", "", 0),
      ];
      assert.deepEqual(await since(), expected);

      // Refused changes (taken name, taken version, unknown ring, full version) record nothing.
      await assert.rejects(stores.keys.create(ringOf("org-e", "evidenced"), created("org-e", "evidenced")), (e) => isYunxiError(e, "AlreadyExists"));
      await assert.rejects(stores.keys.addVersion("org-e", "evidenced", version(2), randomBytes(60), [event("rotate-key", "org-e", "evidenced", 2)]), (e) => isYunxiError(e, "AlreadyExists"));
      await assert.rejects(stores.keys.setMinDecryptionVersion("org-e", "nothing", 1, [event("set-key-config", "org-e", "nothing", 1)]), (e) => isYunxiError(e, "NotFound"));
      assert.equal(await stores.keys.reserveOperations("org-e", "evidenced", 2, 10, 10, [event("encrypt", "org-e", "evidenced", 2)]), false);
      assert.deepEqual(await since(), expected);
    });

    it("makes no change when its events cannot be recorded: no ring, no version, old config and policy intact", async () => {
      await stores.keys.create(ringOf("org-f", "kept"), created("org-f", "kept"));
      await stores.policies.put({ organisationId: "org-f", suite: "aes-256-gcm", requireQkd: false }, [event("set-policy", "org-f", "", 0)]);
      const keptBefore = await stores.keys.get("org-f", "kept");
      const eventsBefore = await stores.events();
      await stores.refuseEvents();
      try {
        await assert.rejects(stores.keys.create(ringOf("org-f", "unrecorded"), created("org-f", "unrecorded")));
        await assert.rejects(stores.keys.addVersion("org-f", "kept", version(2), randomBytes(60), [event("rotate-key", "org-f", "kept", 2)]));
        await assert.rejects(stores.keys.setMinDecryptionVersion("org-f", "kept", 2, [event("set-key-config", "org-f", "kept", 2)]));
        await assert.rejects(stores.keys.reserveOperations("org-f", "kept", 1, 5, 100, [event("encrypt", "org-f", "kept", 1)]));
        await assert.rejects(stores.policies.put({ organisationId: "org-f", suite: "sm4-ctr-hmac-sm3", requireQkd: true }, [event("set-policy", "org-f", "", 0)]));
      } finally {
        await stores.acceptEvents();
      }
      assert.equal(await stores.keys.get("org-f", "unrecorded"), undefined);
      const kept = await stores.keys.get("org-f", "kept");
      assert.deepEqual(kept?.ring, keptBefore?.ring, "no version 2, minimum decryption version and usage count unchanged");
      assert.deepEqual([...(kept?.sealedMaterial.keys() ?? [])], [1]);
      assert.deepEqual(await stores.policies.get("org-f"), { organisationId: "org-f", suite: "aes-256-gcm", requireQkd: false });
      assert.deepEqual(await stores.events(), eventsBefore);
      // Once events can be recorded again the same changes go through, each with its event.
      await stores.keys.addVersion("org-f", "kept", version(2), randomBytes(60), [event("rotate-key", "org-f", "kept", 2)]);
      assert.deepEqual((await stores.events()).slice(eventsBefore.length), [recorded("rotate-key", "org-f", "kept", 2)]);
    });
  });
}
