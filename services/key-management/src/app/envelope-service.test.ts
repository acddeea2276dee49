import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { isYunxiError, unavailable } from "@yunxi/platform";
import { AesGcmMaterialSealer } from "../adapters/crypto/aes-gcm-material-sealer.js";
import { createSuiteCiphers } from "../adapters/crypto/ciphers.js";
import { MemoryAuditPublisher } from "../adapters/memory/memory-audit-publisher.js";
import { MemoryKeyStore, MemoryPolicyStore } from "../adapters/memory/memory-key-store.js";
import { HybridPqcKeySource, LocalHybridKemPeer } from "../adapters/pqc/hybrid-pqc-key-source.js";
import { parseCiphertext, formatCiphertext } from "../domain/ciphertext.js";
import { captureLogger } from "../test-logger.js";
import { makeEnvelopeService } from "./envelope-service.js";
import type { KeyMaterial, KeyOperationEvent, KeySource } from "./ports.js";

/** A QKD source that can be switched off, standing in for the KME in unit tests. */
class SwitchableQkdSource implements KeySource {
  readonly securityLevel = "qkd" as const;
  available = true;
  handedOut: Buffer[] = [];
  async obtain(): Promise<KeyMaterial> {
    if (!this.available) throw unavailable("QKD link is down");
    const material = randomBytes(32);
    this.handedOut.push(Buffer.from(material));
    return { material, provenance: { securityLevel: "qkd", qkdKeyIds: [randomUUID()], path: ["site-a", "site-b"] } };
  }
}

/** The memory audit log with a switch that makes recording fail, as an unwritable outbox would. */
class RefusingAuditLog extends MemoryAuditPublisher {
  refusing = false;

  override record(events: readonly KeyOperationEvent[]): void {
    if (this.refusing) throw unavailable("audit log unavailable");
    super.record(events);
  }
}

function setup(options: { maxOperationsPerVersion?: number; combineWithPqc?: boolean } = {}) {
  const qkd = new SwitchableQkdSource();
  const audit = new RefusingAuditLog();
  const { logger, text } = captureLogger();
  const service = makeEnvelopeService({
    keys: new MemoryKeyStore(audit),
    policies: new MemoryPolicyStore(audit),
    ciphers: createSuiteCiphers(),
    qkd,
    pqc: new HybridPqcKeySource("site-a", new LocalHybridKemPeer("site-b")),
    sealer: new AesGcmMaterialSealer(randomBytes(32)),
    audit,
    clock: { now: () => new Date("2026-01-01T00:00:00Z") },
    logger,
    defaultPolicy: { suite: "aes-256-gcm", requireQkd: false },
    ...options,
  });
  return { service, qkd, audit, logText: text };
}

const ctx = { actor: "user-1", organisationId: "org-1" };

for (const suite of ["aes-256-gcm", "sm4-ctr-hmac-sm3"] as const) {
  describe(`envelope encryption, ${suite}`, () => {
    it("encrypts and decrypts with a self-describing ciphertext bound to its context", async () => {
      const { service } = setup();
      await service.createKey(ctx, "records", { suite });
      const ciphertext = await service.encrypt(ctx, "records", Buffer.from("stamp record 17"), Buffer.from("object-17"));
      assert.match(ciphertext, new RegExp(`^yunxi:v1:${suite}:records:1:qkd:[A-Za-z0-9_-]+$`));
      assert.equal((await service.decrypt(ctx, "records", ciphertext, Buffer.from("object-17"))).toString(), "stamp record 17");
      await assert.rejects(service.decrypt(ctx, "records", ciphertext, Buffer.from("object-18")), (e) => isYunxiError(e, "InvalidArgument"));
    });

    it("detects a flipped bit and a re-labelled header", async () => {
      const { service } = setup();
      await service.createKey(ctx, "records", { suite });
      const ciphertext = await service.encrypt(ctx, "records", Buffer.from("seal photo"));
      const envelope = parseCiphertext(ciphertext);
      const flipped = Buffer.from(envelope.body);
      flipped[flipped.length - 20] = (flipped[flipped.length - 20] ?? 0) ^ 0x80;
      await assert.rejects(service.decrypt(ctx, "records", formatCiphertext({ ...envelope, body: flipped })), (e) => isYunxiError(e, "InvalidArgument"));
      await assert.rejects(service.decrypt(ctx, "records", formatCiphertext({ ...envelope, securityLevel: "pqc" })), (e) => isYunxiError(e, "InvalidArgument"));
    });

    it("issues data keys: plaintext plus wrapped, and wrapped only", async () => {
      const { service } = setup();
      await service.createKey(ctx, "media", { suite });
      const dataKey = await service.generateDataKey(ctx, "media");
      assert.equal(dataKey.plaintext?.length, 32);
      assert.deepEqual(await service.decrypt(ctx, "media", dataKey.ciphertext), dataKey.plaintext);
      const wrapped = await service.generateDataKey(ctx, "media", { wrappedOnly: true });
      assert.equal(wrapped.plaintext, undefined);
      assert.equal((await service.decrypt(ctx, "media", wrapped.ciphertext)).length, 32);
    });
  });
}

describe("rotation, rewrap and minimum decryption version", () => {
  it("rotates to a new version from a fresh QKD key, rewraps old ciphertexts and then refuses old versions", async () => {
    const { service, qkd, audit } = setup();
    await service.createKey(ctx, "k");
    const v1 = await service.encrypt(ctx, "k", Buffer.from("old"));
    const rotated = await service.rotateKey(ctx, "k");
    assert.equal(rotated.latestVersion, 2);
    assert.equal(qkd.handedOut.length, 2);
    const v2 = await service.encrypt(ctx, "k", Buffer.from("new"));
    assert.equal(parseCiphertext(v2).keyVersion, 2);
    const rewrapped = await service.rewrap(ctx, "k", v1);
    assert.equal(parseCiphertext(rewrapped).keyVersion, 2);
    assert.equal((await service.decrypt(ctx, "k", rewrapped)).toString(), "old");
    await service.setMinDecryptionVersion(ctx, "k", 2);
    await assert.rejects(service.decrypt(ctx, "k", v1), (e) => isYunxiError(e, "FailedPrecondition"));
    assert.equal((await service.decrypt(ctx, "k", v2)).toString(), "new");
    await assert.rejects(service.setMinDecryptionVersion(ctx, "k", 3), (e) => isYunxiError(e, "InvalidArgument"));
    assert.equal((await service.getKey(ctx, "k")).minDecryptionVersion, 2, "a bad config request changed nothing");
    assert.deepEqual(
      audit.events.map((e) => e.operation),
      ["create-key", "encrypt", "rotate-key", "encrypt", "rewrap", "decrypt", "set-key-config", "decrypt", "decrypt"],
    );
    assert.equal(audit.events[0]?.qkdKeyIds.length, 1);
    assert.equal(audit.events[0]?.securityLevel, "qkd");
  });

  it("enforces the per-version usage limit by rotating before it is passed", async () => {
    const { service } = setup({ maxOperationsPerVersion: 3 });
    await service.createKey(ctx, "k");
    const versions: number[] = [];
    for (let i = 0; i < 7; i++) versions.push(parseCiphertext(await service.encrypt(ctx, "k", Buffer.from([i]))).keyVersion);
    assert.deepEqual(versions, [1, 1, 1, 2, 2, 2, 3]);
    const info = await service.getKey(ctx, "k");
    assert.ok(info.versions.every((v) => v.operations <= 3));
  });

  it("refuses an unknown key, a duplicate key and bad names without creating anything", async () => {
    const { service, qkd } = setup();
    await assert.rejects(service.encrypt(ctx, "missing", Buffer.from("x")), (e) => isYunxiError(e, "NotFound"));
    await service.createKey(ctx, "k");
    await assert.rejects(service.createKey(ctx, "k"), (e) => isYunxiError(e, "AlreadyExists"));
    await assert.rejects(service.createKey(ctx, "Bad Name!"), (e) => isYunxiError(e, "InvalidArgument"));
    await assert.rejects(service.decrypt(ctx, "k", "not-a-ciphertext"), (e) => isYunxiError(e, "InvalidArgument"));
    assert.equal(qkd.handedOut.length, 1, "refused requests drew no QKD key");
  });

  it("keeps organisations apart", async () => {
    const { service } = setup();
    await service.createKey(ctx, "k");
    const ciphertext = await service.encrypt(ctx, "k", Buffer.from("org-1 only"));
    await service.createKey({ actor: "user-2", organisationId: "org-2" }, "k");
    await assert.rejects(service.decrypt({ actor: "user-2", organisationId: "org-2" }, "k", ciphertext), (e) => isYunxiError(e, "InvalidArgument"));
  });
});

describe("QKD policy", () => {
  it("falls back to the PQC hybrid when QKD is unavailable and the organisation allows it, and audits the downgrade", async () => {
    const { service, qkd, audit } = setup();
    qkd.available = false;
    const info = await service.createKey(ctx, "k");
    assert.equal(info.versions[0]?.securityLevel, "pqc");
    const ciphertext = await service.encrypt(ctx, "k", Buffer.from("x"));
    assert.equal(parseCiphertext(ciphertext).securityLevel, "pqc");
    assert.ok(audit.events.some((e) => e.operation === "downgrade" && e.securityLevel === "pqc"));
  });

  it("requireQkd refuses to downgrade, creates nothing and audits the refusal", async () => {
    const { service, qkd, audit } = setup();
    await service.setPolicy(ctx, { suite: "sm4-ctr-hmac-sm3", requireQkd: true });
    qkd.available = false;
    await assert.rejects(service.createKey(ctx, "k"), (e) => isYunxiError(e, "Unavailable") && /requires QKD/.test(e.message));
    await assert.rejects(service.getKey(ctx, "k"), (e) => isYunxiError(e, "NotFound"));
    qkd.available = true;
    const info = await service.createKey(ctx, "k");
    assert.equal(info.suite, "sm4-ctr-hmac-sm3");
    qkd.available = false;
    await assert.rejects(service.rotateKey(ctx, "k"), (e) => isYunxiError(e, "Unavailable"));
    assert.equal((await service.getKey(ctx, "k")).latestVersion, 1);
    assert.equal(audit.events.filter((e) => e.operation === "downgrade-refused").length, 2);
  });

  it("combines QKD and PQC secrets into a qkd+pqc key when configured", async () => {
    const { service } = setup({ combineWithPqc: true });
    const info = await service.createKey(ctx, "k");
    assert.equal(info.versions[0]?.securityLevel, "qkd+pqc");
    const ciphertext = await service.encrypt(ctx, "k", Buffer.from("x"));
    assert.equal(parseCiphertext(ciphertext).securityLevel, "qkd+pqc");
  });
});

describe("audit before effect", () => {
  const refused = (e: unknown) => isYunxiError(e, "Unavailable") && /audit log unavailable/.test(e.message);

  it("makes no key change whose audit event cannot be recorded", async () => {
    const { service, audit } = setup();
    await service.createKey(ctx, "k");
    await service.setPolicy(ctx, { suite: "aes-256-gcm", requireQkd: false });
    const recorded = audit.events.length;
    audit.refusing = true;
    await assert.rejects(service.createKey(ctx, "other"), refused);
    await assert.rejects(service.rotateKey(ctx, "k"), refused);
    await assert.rejects(service.setMinDecryptionVersion(ctx, "k", 1), refused);
    await assert.rejects(service.setPolicy(ctx, { suite: "sm4-ctr-hmac-sm3", requireQkd: true }), refused);
    audit.refusing = false;
    await assert.rejects(service.getKey(ctx, "other"), (e) => isYunxiError(e, "NotFound"));
    assert.equal((await service.getKey(ctx, "k")).latestVersion, 1);
    assert.deepEqual(await service.getPolicy("org-1"), { organisationId: "org-1", suite: "aes-256-gcm", requireQkd: false });
    assert.equal(audit.events.length, recorded);
  });

  it("returns no ciphertext, data key or plaintext when the use cannot be audited, and counts no use", async () => {
    const { service, audit } = setup();
    await service.createKey(ctx, "k");
    const ciphertext = await service.encrypt(ctx, "k", Buffer.from("secret"));
    const before = await service.getKey(ctx, "k");
    const recorded = audit.events.length;
    audit.refusing = true;
    await assert.rejects(service.encrypt(ctx, "k", Buffer.from("more")), refused);
    await assert.rejects(service.generateDataKey(ctx, "k"), refused);
    await assert.rejects(service.rewrap(ctx, "k", ciphertext), refused);
    // Decrypt changes nothing, so its event is recorded on its own before the plaintext is returned.
    await assert.rejects(service.decrypt(ctx, "k", ciphertext), refused);
    audit.refusing = false;
    assert.deepEqual(await service.getKey(ctx, "k"), before, "no use was counted");
    assert.equal(audit.events.length, recorded);
    assert.equal((await service.decrypt(ctx, "k", ciphertext)).toString(), "secret");
    assert.deepEqual(audit.events.slice(recorded).map((e) => `${e.operation}:${e.outcome}`), ["decrypt:ok"]);
  });

  it("records a downgrade with the key version it made, and a refusal on its own", async () => {
    const { service, qkd, audit } = setup();
    qkd.available = false;
    await service.createKey(ctx, "k");
    assert.deepEqual(audit.events.map((e) => e.operation), ["downgrade", "create-key"]);
    audit.refusing = true;
    await assert.rejects(service.rotateKey(ctx, "k"), refused);
    audit.refusing = false;
    assert.equal(audit.events.length, 2, "neither the downgrade nor the rotation of the unmade version was recorded");
  });
});

describe("logging", () => {
  it("never writes key bits, data keys or plaintext to the log", async () => {
    const { service, qkd, logText } = setup();
    await service.createKey(ctx, "k");
    const dataKey = await service.generateDataKey(ctx, "k");
    const secret = "very secret seal document";
    await service.encrypt(ctx, "k", Buffer.from(secret));
    qkd.available = false;
    await service.rotateKey(ctx, "k"); // downgrade path logs a warning
    const text = logText();
    assert.ok(text.length > 0, "the downgrade was logged");
    for (const material of [...qkd.handedOut, dataKey.plaintext ?? Buffer.alloc(0)]) {
      assert.ok(!text.includes(material.toString("hex")));
      assert.ok(!text.includes(material.toString("base64")));
    }
    assert.ok(!text.includes(secret));
  });
});
