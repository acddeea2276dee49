import assert from "node:assert/strict";
import { generateKeyPairSync, sign } from "node:crypto";
import { describe, it } from "node:test";
import { isYunxiError } from "@yunxi/platform";
import type { Checkpoint } from "../domain/checkpoint.js";
import { keyIdOf } from "../domain/checkpoint.js";
import { GENESIS_HASH, type EntryDraft, type LedgerEntry } from "../domain/entry.js";
import { verifyEvidenceBundle } from "../domain/evidence-bundle.js";
import { makeEvidenceLedger } from "./evidence-ledger.js";
import type { CheckpointSigner, LedgerRepository, LockedLedger } from "./ports.js";

/** An in-memory LedgerRepository: one promise chain per organisation stands in for the row lock. */
function memoryRepository() {
  const entries = new Map<string, LedgerEntry[]>();
  const checkpoints = new Map<string, Checkpoint[]>();
  const processed = new Set<string>();
  const locks = new Map<string, Promise<unknown>>();
  const announced: Checkpoint[] = [];
  const of = <T>(map: Map<string, T[]>, org: string) => map.get(org) ?? map.set(org, []).get(org)!;
  const lockedLedger = (org: string): LockedLedger => ({
    head: async () => {
      const last = of(entries, org).at(-1);
      return last ? { sequence: last.sequence, hash: last.hash } : { sequence: 0, hash: GENESIS_HASH };
    },
    findBySourceEvent: async (id) => of(entries, org).find((e) => e.sourceEventId === id),
    insertEntry: async (entry) => void of(entries, org).push(entry),
    entryHashes: async (upTo) => of(entries, org).filter((e) => e.sequence <= upTo).map((e) => e.hash),
    latestCheckpoint: async () => of(checkpoints, org).at(-1),
    insertCheckpoint: async (cp) => {
      of(checkpoints, org).push(cp);
      announced.push(cp);
    },
  });
  const locked = <T>(org: string, work: (l: LockedLedger) => Promise<T>): Promise<T> => {
    const run = (locks.get(org) ?? Promise.resolve()).then(() => work(lockedLedger(org)));
    locks.set(org, run.catch(() => undefined));
    return run;
  };
  const repository: LedgerRepository = {
    locked,
    async lockedOnce(group, eventId, org, work) {
      if (processed.has(`${group}/${eventId}`)) return false;
      processed.add(`${group}/${eventId}`);
      await locked(org, work);
      return true;
    },
    headSequence: async (org) => of(entries, org).length,
    entry: async (org, seq) => of(entries, org).find((e) => e.sequence === seq),
    entries: async (org, from, to) => of(entries, org).filter((e) => e.sequence >= from && e.sequence <= to),
    entriesBySubject: async (org, subject, after, limit) =>
      of(entries, org)
        .filter((e) => e.sequence > after && Object.values(e.subjects).includes(subject))
        .slice(0, limit),
    entryHashes: async (org, upTo) => of(entries, org).filter((e) => e.sequence <= upTo).map((e) => e.hash),
    latestCheckpoint: async (org) => of(checkpoints, org).at(-1),
    checkpoint: async (org, size) => of(checkpoints, org).find((c) => c.treeSize === size),
    checkpointsUpTo: async (org, size) => of(checkpoints, org).filter((c) => c.treeSize <= size),
  };
  return { repository, entries, announced };
}

function testSigner(): CheckpointSigner {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const keyId = keyIdOf(publicKey);
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  return { keyId, publicKeyPem, sign: (data) => sign(null, data, privateKey).toString("base64"), publicKeyOf: (id) => (id === keyId ? publicKeyPem : undefined) };
}

const draft = (org: string, i: number, applicationId = "app-1"): EntryDraft => ({
  organisationId: org,
  occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
  kind: "approval.application-filed",
  sourceEventId: "",
  subjects: { applicationId, deviceId: "", impressionId: "", actorUserId: "", aggregateId: "" },
  payload: { i },
});

function setup(checkpointEvery = 4) {
  const memory = memoryRepository();
  let now = Date.UTC(2026, 0, 2);
  const ledger = makeEvidenceLedger({ repository: memory.repository, signer: testSigner(), clock: { now: () => new Date((now += 1000)) }, checkpointEvery });
  return { ...memory, ledger };
}

describe("evidence ledger use cases (in-memory repository)", () => {
  it("signs a checkpoint at every N-th entry and on demand, never twice for the same size", async () => {
    const { ledger, announced } = setup(4);
    for (let i = 1; i <= 9; i++) await ledger.append(draft("o", i));
    assert.deepEqual(announced.map((c) => c.treeSize), [4, 8]);
    assert.equal((await ledger.checkpoint("o", false)).treeSize, 8);
    assert.equal((await ledger.checkpoint("o", true)).treeSize, 9);
    assert.equal((await ledger.checkpoint("o", true)).treeSize, 9);
    assert.deepEqual(announced.map((c) => c.treeSize), [4, 8, 9]);
  });

  it("has no checkpoint for an empty ledger, and verifies an empty ledger as ok", async () => {
    const { ledger } = setup();
    await assert.rejects(ledger.checkpoint("empty", true), (e: unknown) => isYunxiError(e, "NotFound"));
    assert.deepEqual(await ledger.verifyChain("empty", 0, 0), { ok: true, checked: 0, firstBrokenSequence: 0, problem: "", checkpointsChecked: 0 });
  });

  it("pages entries by subject with nextAfterSequence", async () => {
    const { ledger } = setup(100);
    for (let i = 1; i <= 7; i++) await ledger.append(draft("o", i, i % 2 ? "app-odd" : "app-even"));
    const first = await ledger.listEntries("o", "app-odd", 0, 2);
    assert.deepEqual(first.entries.map((e) => e.sequence), [1, 3]);
    assert.equal(first.nextAfterSequence, 3);
    const second = await ledger.listEntries("o", "app-odd", first.nextAfterSequence, 2);
    assert.deepEqual(second.entries.map((e) => e.sequence), [5, 7]);
    assert.equal(second.nextAfterSequence, 0, "no further page");
  });

  it("proves against an older checkpoint on request and refuses sizes with no checkpoint", async () => {
    const { ledger } = setup(4);
    for (let i = 1; i <= 6; i++) await ledger.append(draft("o", i));
    assert.equal((await ledger.inclusionProof("o", 2, 4)).checkpoint.treeSize, 4);
    assert.equal((await ledger.inclusionProof("o", 6, 0)).checkpoint.treeSize, 6, "on demand");
    await assert.rejects(ledger.inclusionProof("o", 2, 5), (e: unknown) => isYunxiError(e, "NotFound"));
    await assert.rejects(ledger.inclusionProof("o", 7, 0), (e: unknown) => isYunxiError(e, "NotFound"));
  });

  it("exports a bundle holding only the subject's entries, which verifies offline", async () => {
    const { ledger } = setup(3);
    for (let i = 1; i <= 5; i++) await ledger.append(draft("o", i, i === 2 || i === 5 ? "app-x" : "app-y"));
    const bundle = await ledger.exportEvidence("o", "app-x");
    assert.deepEqual(bundle.entries.map((e) => e.entry.sequence), [2, 5]);
    assert.equal(bundle.checkpoint.treeSize, 5);
    assert.equal(verifyEvidenceBundle(JSON.parse(JSON.stringify(bundle))).ok, true);
    await assert.rejects(ledger.exportEvidence("o", "nobody"), (e: unknown) => isYunxiError(e, "NotFound"));
  });

  it("refuses invalid drafts and queries without changing anything", async () => {
    const { ledger, entries } = setup();
    await assert.rejects(ledger.append({ ...draft("o", 1), kind: "no kind", payload: { f: 0.1 } }), (e: unknown) => isYunxiError(e, "InvalidArgument") && e.violations.length === 2);
    assert.equal(entries.get("o")?.length ?? 0, 0);
    await assert.rejects(ledger.listEntries("o", " ", 0, 0), (e: unknown) => isYunxiError(e, "InvalidArgument"));
    await assert.rejects(ledger.verifyChain("o", 2, 1), (e: unknown) => isYunxiError(e, "InvalidArgument"));
  });
});
