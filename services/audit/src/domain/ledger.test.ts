import assert from "node:assert/strict";
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { describe, it } from "node:test";
import { verifyChainSegment } from "./chain-verification.js";
import { checkpointSigningInput, keyIdOf, verifyCheckpointSignature, type Checkpoint } from "./checkpoint.js";
import { chainEntry, entryHash, GENESIS_HASH, type EntryDraft, type LedgerEntry } from "./entry.js";
import { EVIDENCE_BUNDLE_FORMAT, entryToJson, verifyEvidenceBundle, type EvidenceBundle } from "./evidence-bundle.js";
import { draftFromEvent, kindOf } from "./event-mapping.js";
import { inclusionPath, merkleRoot } from "./merkle.js";

const keys = generateKeyPairSync("ed25519");
const pem = keys.publicKey.export({ type: "spki", format: "pem" }).toString();
const keyId = keyIdOf(keys.publicKey);

function draft(i: number, organisationId = "org-a"): EntryDraft {
  return {
    organisationId,
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
    kind: "approval.application-filed",
    sourceEventId: `ev-${i}`,
    subjects: { applicationId: i % 2 ? "app-1" : "app-2", deviceId: "dev-1", impressionId: "", actorUserId: "user-1", aggregateId: `app-${i % 2 ? 1 : 2}` },
    payload: { n: i, title: `application ${i}` },
  };
}

function chain(n: number): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  let previous = { sequence: 0, hash: GENESIS_HASH };
  for (let i = 1; i <= n; i++) {
    const entry = chainEntry(draft(i), previous, new Date(Date.UTC(2026, 0, 1, 1, 0, i)));
    out.push(entry);
    previous = entry;
  }
  return out;
}

function checkpointOver(entries: readonly LedgerEntry[], organisationId = "org-a"): Checkpoint {
  const unsigned = { organisationId, treeSize: entries.length, rootHash: merkleRoot(entries.map((e) => Buffer.from(e.hash, "hex"))).toString("hex"), createdAt: new Date(Date.UTC(2026, 0, 2)), keyId };
  return { ...unsigned, signature: sign(null, checkpointSigningInput(unsigned), keys.privateKey).toString("base64") };
}

function verify(entries: readonly LedgerEntry[], to: number, checkpoints: readonly Checkpoint[] = [], from = 1) {
  return verifyChainSegment({
    from,
    to,
    anchor: entries.find((e) => e.sequence === from - 1),
    entries: entries.filter((e) => e.sequence >= from).sort((a, b) => a.sequence - b.sequence),
    checkpoints,
    leafHashes: entries.filter((e) => e.sequence <= Math.max(0, ...checkpoints.map((c) => c.treeSize))).sort((a, b) => a.sequence - b.sequence).map((e) => e.hash),
    publicKey: (id) => (id === keyId ? pem : undefined),
  });
}

describe("entry hash", () => {
  it("is SHA-256 over the domain tag, a zero byte and the canonical JSON of every field but the hash", () => {
    const entry = chainEntry(
      {
        organisationId: "org-1",
        occurredAt: new Date("2026-11-25T03:00:00.000Z"),
        kind: "organisation.member-joined",
        sourceEventId: "e1",
        subjects: { applicationId: "", deviceId: "", impressionId: "", actorUserId: "u1", aggregateId: "org-1" },
        payload: { type: "yunxi.organisation.v1.MemberJoined", data: { userId: "u1", roles: ["member"] } },
      },
      { sequence: 0, hash: GENESIS_HASH },
      new Date("2026-11-25T03:00:01.000Z"),
    );
    const canonical =
      '{"actorUserId":"u1","aggregateId":"org-1","applicationId":"","deviceId":"","impressionId":"","kind":"organisation.member-joined",' +
      '"occurredAt":"2026-11-25T03:00:00.000Z","organisationId":"org-1","payload":{"data":{"roles":["member"],"userId":"u1"},"type":"yunxi.organisation.v1.MemberJoined"},' +
      `"prevHash":"${"0".repeat(64)}","recordedAt":"2026-11-25T03:00:01.000Z","sequence":1,"sourceEventId":"e1"}`;
    const expected = createHash("sha256").update("yunxi.evidence.entry.v1\u0000" + canonical).digest("hex");
    assert.equal(entry.hash, expected);
    // Pinned, so any change to the encoding shows up as a failing test rather than silently new hashes.
    assert.equal(entry.hash, "0c52e980d35bbf1d1bd4ea1dc7305549e9d1ac01b3e1452af81a9b12d1e333d7");
  });

  it("links each entry to its predecessor and numbers them from 1", () => {
    const entries = chain(3);
    assert.deepEqual(entries.map((e) => e.sequence), [1, 2, 3]);
    assert.equal(entries[0]!.prevHash, GENESIS_HASH);
    assert.equal(entries[2]!.prevHash, entries[1]!.hash);
  });

  it("refuses a bad draft with every violation listed", () => {
    assert.throws(
      () => chainEntry({ ...draft(1), organisationId: " ", kind: "Bad Kind", payload: { x: 0.5 } }, { sequence: 0, hash: GENESIS_HASH }, new Date()),
      (e: unknown) => (e as { violations?: { field: string }[] }).violations?.map((v) => v.field).join(",") === "organisationId,kind,payload",
    );
  });
});

describe("chain verification", () => {
  const entries = chain(7);
  const cp = checkpointOver(entries.slice(0, 5));

  it("accepts an intact chain and its checkpoint", () => {
    assert.deepEqual(verify(entries, 7, [cp]), { ok: true, checked: 7, firstBrokenSequence: 0, problem: "", checkpointsChecked: 1 });
    assert.equal(verify(entries, 7, [cp], 4).ok, true);
  });

  const tamperings: [string, (e: LedgerEntry) => LedgerEntry][] = [
    ["organisationId", (e) => ({ ...e, organisationId: "org-b" })],
    ["occurredAt", (e) => ({ ...e, occurredAt: new Date(e.occurredAt.getTime() + 1) })],
    ["recordedAt", (e) => ({ ...e, recordedAt: new Date(e.recordedAt.getTime() - 1) })],
    ["kind", (e) => ({ ...e, kind: "approval.application-approved" })],
    ["sourceEventId", (e) => ({ ...e, sourceEventId: "ev-x" })],
    ["applicationId", (e) => ({ ...e, subjects: { ...e.subjects, applicationId: "app-9" } })],
    ["deviceId", (e) => ({ ...e, subjects: { ...e.subjects, deviceId: "dev-9" } })],
    ["impressionId", (e) => ({ ...e, subjects: { ...e.subjects, impressionId: "imp-9" } })],
    ["actorUserId", (e) => ({ ...e, subjects: { ...e.subjects, actorUserId: "user-9" } })],
    ["aggregateId", (e) => ({ ...e, subjects: { ...e.subjects, aggregateId: "agg-9" } })],
    ["payload", (e) => ({ ...e, payload: { n: 4, title: "application 4 (edited)" } })],
    ["prevHash", (e) => ({ ...e, prevHash: "f".repeat(64) })],
    ["hash", (e) => ({ ...e, hash: "f".repeat(64) })],
  ];
  for (const [field, tamper] of tamperings) {
    it(`finds entry 4 broken when its ${field} changed`, () => {
      const altered = entries.map((e) => (e.sequence === 4 ? tamper(e) : e));
      const result = verify(altered, 7, [cp]);
      assert.equal(result.ok, false);
      assert.equal(result.firstBrokenSequence, 4, result.problem);
    });
  }

  it("finds a rewritten entry even when the forger recomputed its hash: the next link breaks", () => {
    const forged = { ...entries[3]!, payload: { n: 4, title: "forged" } };
    const rehashed = { ...forged, hash: entryHash(forged) };
    const result = verify(entries.map((e) => (e.sequence === 4 ? rehashed : e)), 7, [cp]);
    assert.equal(result.firstBrokenSequence, 5);
  });

  it("finds a rewritten tail through the signed checkpoint", () => {
    // Rewrite entries 4 and 5 consistently: every link holds, only the checkpoint over 1..5 disagrees.
    const rewritten = entries.slice(0, 3);
    let previous: { sequence: number; hash: string } = rewritten[2]!;
    for (const i of [4, 5]) {
      const e = chainEntry({ ...draft(i), payload: { n: i, title: "rewritten" } }, previous, new Date());
      rewritten.push(e);
      previous = e;
    }
    const result = verify(rewritten, 5, [cp]);
    assert.equal(result.ok, false);
    assert.equal(result.firstBrokenSequence, 5);
    assert.match(result.problem, /checkpoint 5/);
  });

  it("finds a deleted entry, a deleted last entry and swapped entries", () => {
    assert.equal(verify(entries.filter((e) => e.sequence !== 3), 7).firstBrokenSequence, 3);
    assert.equal(verify(entries.slice(0, 6), 7).firstBrokenSequence, 7);
    const swapped = entries.map((e) => (e.sequence === 2 ? { ...entries[2]!, sequence: 2 } : e.sequence === 3 ? { ...entries[1]!, sequence: 3 } : e));
    assert.equal(verify(swapped, 7).firstBrokenSequence, 2);
  });

  it("refuses a checkpoint signed by another key or with a bent signature", () => {
    const other = generateKeyPairSync("ed25519");
    assert.equal(verifyCheckpointSignature(cp, other.publicKey.export({ type: "spki", format: "pem" }).toString()), false);
    const bent = { ...cp, signature: Buffer.from(Buffer.from(cp.signature, "base64").map((b, i) => (i === 0 ? b ^ 1 : b))).toString("base64") };
    assert.equal(verify(entries, 7, [bent]).firstBrokenSequence, 5);
    assert.equal(verifyCheckpointSignature(cp, pem), true);
  });
});

describe("offline evidence bundle", () => {
  const entries = chain(6);
  const cp = checkpointOver(entries);
  const hashes = entries.map((e) => Buffer.from(e.hash, "hex"));
  const bundleFor = (selected: readonly LedgerEntry[]): EvidenceBundle => ({
    format: EVIDENCE_BUNDLE_FORMAT,
    organisationId: "org-a",
    subject: "app-1",
    publicKey: { algorithm: "Ed25519", keyId, pem },
    checkpoint: { ...cp, createdAt: cp.createdAt.toISOString() },
    entries: selected.map((e) => ({ entry: entryToJson(e), auditPath: inclusionPath(e.sequence - 1, hashes).map((b) => b.toString("hex")) })),
  });
  const good = JSON.parse(JSON.stringify(bundleFor(entries.filter((e) => e.subjects.applicationId === "app-1")))) as EvidenceBundle;

  it("verifies a chain of custody from its JSON alone", () => {
    const result = verifyEvidenceBundle(good);
    assert.deepEqual(result.problems, []);
    assert.equal(result.ok, true);
    assert.equal(result.entriesVerified, 3);
    assert.equal(verifyEvidenceBundle(good, { trustedPublicKeyPem: pem }).ok, true);
  });

  it("detects a changed field, a swapped proof, a foreign key, a forged checkpoint and malformed input", () => {
    const copy = () => JSON.parse(JSON.stringify(good)) as { entries: { entry: Record<string, unknown>; auditPath: string[] }[]; checkpoint: Record<string, unknown>; publicKey: Record<string, unknown> };
    const changed = copy();
    changed.entries[1]!.entry["payload"] = { n: 3, title: "edited" };
    assert.match(verifyEvidenceBundle(changed).problems.join(";"), /entry 3: fields do not match its hash/);
    const swapped = copy();
    [swapped.entries[0]!.auditPath, swapped.entries[1]!.auditPath] = [swapped.entries[1]!.auditPath, swapped.entries[0]!.auditPath];
    assert.match(verifyEvidenceBundle(swapped).problems.join(";"), /not included in checkpoint 6/);
    const other = generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }).toString();
    assert.equal(verifyEvidenceBundle(good, { trustedPublicKeyPem: other }).ok, false);
    const forgedRoot = copy();
    forgedRoot.checkpoint["treeSize"] = 7;
    assert.equal(verifyEvidenceBundle(forgedRoot).ok, false);
    assert.equal(verifyEvidenceBundle({ format: "nope" }).ok, false);
    assert.equal(verifyEvidenceBundle("not json at all").ok, false);
  });
});

describe("events to entries", () => {
  it("derives the kind from ce_source and ce_type", () => {
    assert.equal(kindOf("yunxi.organisation.v1.MemberJoined", "/yunxi/organisation"), "organisation.member-joined");
    assert.equal(kindOf("yunxi.key_management.v1.KeyOperationEvent", "/yunxi/key-management"), "key-management.key-operation");
    assert.equal(kindOf("yunxi.device_control.v1.QKDKeyUsed", "/elsewhere"), "device-control.qkd-key-used");
  });

  it("takes subject ids from well-known payload fields and keeps the type with the payload", () => {
    const facts = { eventId: "3b1c1d2e-7f00-4a00-8000-000000000001", type: "yunxi.approval.v1.ApplicationApproved", source: "/yunxi/approval", organisationId: "org-a", aggregateId: "app-7", occurredAt: "2026-11-25T03:00:00.123Z" };
    const fromDecoded = draftFromEvent(facts, { decoded: { applicationId: "app-7", deviceId: "dev-2", actorUserId: "u-9", count: "3" } });
    assert.equal(fromDecoded.kind, "approval.application-approved");
    assert.deepEqual(fromDecoded.subjects, { applicationId: "app-7", deviceId: "dev-2", impressionId: "", actorUserId: "u-9", aggregateId: "app-7" });
    assert.deepEqual(fromDecoded.payload, { type: facts.type, data: { applicationId: "app-7", deviceId: "dev-2", actorUserId: "u-9", count: "3" } });
    assert.equal(fromDecoded.occurredAt.toISOString(), facts.occurredAt);
    const fromRaw = draftFromEvent(facts, { raw: new Uint8Array([8, 1]) });
    assert.deepEqual(fromRaw.payload, { type: facts.type, protobufBase64: "CAE=" });
    assert.equal(fromRaw.sourceEventId, facts.eventId);
  });
});
