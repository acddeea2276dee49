import { invalidArgument, notFound, type FieldViolation } from "@yunxi/platform";
import { verifyChainSegment, type ChainVerification } from "../domain/chain-verification.js";
import { checkpointSigningInput, type Checkpoint } from "../domain/checkpoint.js";
import { chainEntry, type EntryDraft, type LedgerEntry } from "../domain/entry.js";
import { EVIDENCE_BUNDLE_FORMAT, entryToJson, type EvidenceBundle } from "../domain/evidence-bundle.js";
import { inclusionPath, merkleRoot } from "../domain/merkle.js";
import type { CheckpointSigner, Clock, LedgerRepository, LockedLedger } from "./ports.js";

export interface EvidenceLedgerDeps {
  readonly repository: LedgerRepository;
  readonly signer: CheckpointSigner;
  readonly clock: Clock;
  /** A checkpoint is signed automatically every this many entries. */
  readonly checkpointEvery: number;
}

export interface AppendResult {
  readonly entry: LedgerEntry;
  /** False when the source event had been recorded already (the earlier entry is returned). */
  readonly created: boolean;
}

export interface InclusionProofResult {
  readonly entry: LedgerEntry;
  readonly checkpoint: Checkpoint;
  readonly leafIndex: number;
  readonly auditPath: string[];
}

export const MAX_PAGE = 1000;
const DEFAULT_PAGE = 100;
/** Bundles carry at most this many entries; a chain of custody is one application's steps, not a ledger. */
export const MAX_BUNDLE_ENTRIES = 1000;

export type EvidenceLedger = ReturnType<typeof makeEvidenceLedger>;

/** The evidence ledger's use cases. Callers pass the organisation they act in; nothing crosses it. */
export function makeEvidenceLedger(deps: EvidenceLedgerDeps) {
  const { repository, signer, clock, checkpointEvery } = deps;

  async function checkpointWithin(ledger: LockedLedger, organisationId: string, treeSize: number): Promise<Checkpoint> {
    const hashes = await ledger.entryHashes(treeSize);
    const unsigned = {
      organisationId,
      treeSize,
      rootHash: merkleRoot(hashes.map((h) => Buffer.from(h, "hex"))).toString("hex"),
      createdAt: new Date(clock.now().getTime()),
      keyId: signer.keyId,
    };
    const checkpoint = { ...unsigned, signature: signer.sign(checkpointSigningInput(unsigned)) };
    await ledger.insertCheckpoint(checkpoint);
    return checkpoint;
  }

  async function appendWithin(ledger: LockedLedger, draft: EntryDraft): Promise<AppendResult> {
    if (draft.sourceEventId) {
      const existing = await ledger.findBySourceEvent(draft.sourceEventId);
      if (existing) return { entry: existing, created: false };
    }
    const entry = chainEntry(draft, await ledger.head(), clock.now());
    await ledger.insertEntry(entry);
    if (entry.sequence % checkpointEvery === 0) await checkpointWithin(ledger, draft.organisationId, entry.sequence);
    return { entry, created: true };
  }

  /** The latest checkpoint; a new one over the whole ledger first when `fresh` and the latest lags. */
  async function checkpoint(organisationId: string, fresh: boolean): Promise<Checkpoint> {
    const latest = await repository.latestCheckpoint(organisationId);
    if (fresh || !latest) {
      const head = await repository.headSequence(organisationId);
      if (head > (latest?.treeSize ?? 0)) {
        return repository.locked(organisationId, async (ledger) => {
          const { sequence } = await ledger.head();
          // Another caller may have signed one while this one waited for the lock.
          const current = await ledger.latestCheckpoint();
          return current && current.treeSize >= sequence ? current : checkpointWithin(ledger, organisationId, sequence);
        });
      }
    }
    if (!latest) throw notFound("the organisation's ledger has no entries yet");
    return latest;
  }

  return {
    /** Appends one entry (idempotent by source event id), signing a checkpoint every N entries. */
    append(draft: EntryDraft): Promise<AppendResult> {
      return repository.locked(draft.organisationId, (ledger) => appendWithin(ledger, draft));
    },

    /** Appends an entry for a bus event at most once per consumer group; false for a redelivery. */
    ingest(group: string, draft: EntryDraft): Promise<boolean> {
      return repository.lockedOnce(group, draft.sourceEventId, draft.organisationId, async (ledger) => {
        await appendWithin(ledger, draft);
      });
    },

    async listEntries(organisationId: string, subject: string, afterSequence: number, limit: number): Promise<{ entries: LedgerEntry[]; nextAfterSequence: number }> {
      const violations: FieldViolation[] = [];
      if (!subject.trim()) violations.push({ field: "subject", message: "is required" });
      if (subject.length > 200) violations.push({ field: "subject", message: "must be at most 200 characters" });
      if (!Number.isSafeInteger(afterSequence) || afterSequence < 0) violations.push({ field: "afterSequence", message: "must be a non-negative integer" });
      if (!Number.isSafeInteger(limit) || limit < 0 || limit > MAX_PAGE) violations.push({ field: "limit", message: `must be 0..${MAX_PAGE}` });
      if (violations.length > 0) throw invalidArgument("invalid entry query", { violations });
      const pageSize = limit === 0 ? DEFAULT_PAGE : limit;
      const entries = await repository.entriesBySubject(organisationId, subject, afterSequence, pageSize + 1);
      const page = entries.slice(0, pageSize);
      return { entries: page, nextAfterSequence: entries.length > pageSize ? (page[page.length - 1]?.sequence ?? 0) : 0 };
    },

    checkpoint,

    async inclusionProof(organisationId: string, sequence: number, treeSize: number): Promise<InclusionProofResult> {
      const violations: FieldViolation[] = [];
      if (!Number.isSafeInteger(sequence) || sequence < 1) violations.push({ field: "sequence", message: "must be a positive integer" });
      if (!Number.isSafeInteger(treeSize) || treeSize < 0) violations.push({ field: "treeSize", message: "must be a non-negative integer" });
      if (treeSize !== 0 && treeSize < sequence) violations.push({ field: "treeSize", message: "must not be smaller than sequence" });
      if (violations.length > 0) throw invalidArgument("invalid proof request", { violations });
      const entry = await repository.entry(organisationId, sequence);
      if (!entry) throw notFound(`entry ${sequence} does not exist`);
      let target: Checkpoint | undefined;
      if (treeSize !== 0) {
        target = await repository.checkpoint(organisationId, treeSize);
        if (!target) throw notFound(`there is no checkpoint over ${treeSize} entries`);
      } else {
        target = await repository.latestCheckpoint(organisationId);
        // On demand: an entry newer than the latest checkpoint gets one now.
        if (!target || target.treeSize < sequence) target = await checkpoint(organisationId, true);
      }
      const hashes = (await repository.entryHashes(organisationId, target.treeSize)).map((h) => Buffer.from(h, "hex"));
      return { entry, checkpoint: target, leafIndex: sequence - 1, auditPath: inclusionPath(sequence - 1, hashes).map((b) => b.toString("hex")) };
    },

    async verifyChain(organisationId: string, fromSequence: number, toSequence: number): Promise<ChainVerification> {
      const head = await repository.headSequence(organisationId);
      const from = fromSequence === 0 ? 1 : fromSequence;
      const to = toSequence === 0 ? head : toSequence;
      const violations: FieldViolation[] = [];
      if (!Number.isSafeInteger(from) || from < 1) violations.push({ field: "fromSequence", message: "must be a positive integer" });
      if (!Number.isSafeInteger(to) || to > head) violations.push({ field: "toSequence", message: `must not exceed the last sequence (${head})` });
      if (violations.length === 0 && head > 0 && from > to) violations.push({ field: "fromSequence", message: "must not exceed toSequence" });
      if (violations.length > 0) throw invalidArgument("invalid verification range", { violations });
      if (head === 0) return { ok: true, checked: 0, firstBrokenSequence: 0, problem: "", checkpointsChecked: 0 };
      const checkpoints = (await repository.checkpointsUpTo(organisationId, to)).filter((c) => c.treeSize >= from);
      const largest = Math.max(0, ...checkpoints.map((c) => c.treeSize));
      return verifyChainSegment({
        from,
        to,
        anchor: from > 1 ? await repository.entry(organisationId, from - 1) : undefined,
        entries: await repository.entries(organisationId, from, to),
        checkpoints,
        leafHashes: largest > 0 ? await repository.entryHashes(organisationId, largest) : [],
        publicKey: (keyId) => signer.publicKeyOf(keyId),
      });
    },

    publicKey(): { algorithm: "Ed25519"; keyId: string; pem: string } {
      return { algorithm: "Ed25519", keyId: signer.keyId, pem: signer.publicKeyPem };
    },

    /** One subject's chain of custody with a fresh checkpoint and a proof per entry. */
    async exportEvidence(organisationId: string, subject: string): Promise<EvidenceBundle> {
      if (!subject.trim() || subject.length > 200) throw invalidArgument("invalid export request", { violations: [{ field: "subject", message: "is required, at most 200 characters" }] });
      const entries = await repository.entriesBySubject(organisationId, subject, 0, MAX_BUNDLE_ENTRIES + 1);
      if (entries.length === 0) throw notFound("no entries name this subject");
      if (entries.length > MAX_BUNDLE_ENTRIES) throw invalidArgument(`more than ${MAX_BUNDLE_ENTRIES} entries name this subject`, { violations: [{ field: "subject", message: "too broad for one bundle" }] });
      const cp = await checkpoint(organisationId, true);
      const hashes = (await repository.entryHashes(organisationId, cp.treeSize)).map((h) => Buffer.from(h, "hex"));
      const key = signer.publicKeyOf(cp.keyId);
      if (!key) throw notFound(`the key ${cp.keyId} of the latest checkpoint is unknown`);
      return {
        format: EVIDENCE_BUNDLE_FORMAT,
        organisationId,
        subject,
        publicKey: { algorithm: "Ed25519", keyId: cp.keyId, pem: key },
        checkpoint: { ...cp, createdAt: cp.createdAt.toISOString() },
        entries: entries
          .filter((e) => e.sequence <= cp.treeSize)
          .map((e) => ({ entry: entryToJson(e), auditPath: inclusionPath(e.sequence - 1, hashes).map((b) => b.toString("hex")) })),
      };
    },
  };
}
