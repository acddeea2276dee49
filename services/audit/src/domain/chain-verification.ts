import { verifyCheckpointSignature, type Checkpoint } from "./checkpoint.js";
import { entryHash, GENESIS_HASH, type LedgerEntry } from "./entry.js";
import { prefixRoots } from "./merkle.js";

/** Outcome of recomputing a stretch of the chain. */
export interface ChainVerification {
  readonly ok: boolean;
  readonly checked: number;
  /** The first sequence that is missing, altered or out of place; 0 when ok. */
  readonly firstBrokenSequence: number;
  readonly problem: string;
  readonly checkpointsChecked: number;
}

export interface ChainSegment {
  readonly from: number;
  readonly to: number;
  /** The stored entry just before `from` (sequence from - 1), or undefined when from is 1 or it is missing. */
  readonly anchor: LedgerEntry | undefined;
  /** The stored entries with sequences from..to, ordered by sequence as storage returned them. */
  readonly entries: readonly LedgerEntry[];
  /** Checkpoints to check. */
  readonly checkpoints: readonly Checkpoint[];
  /** The stored entry hashes 1..(the largest checkpoint's tree size) in sequence order: read once for all checkpoints. */
  readonly leafHashes: readonly string[];
  /** The public key (PEM) for a key id, if the ledger knows it. */
  readonly publicKey: (keyId: string) => string | undefined;
}

/**
 * Recomputes every entry's hash from its stored fields, checks that each links to its predecessor and that
 * sequences run without gaps, then checks each checkpoint's root over the stored hashes and its signature.
 * Reports the first sequence at which anything is wrong.
 */
export function verifyChainSegment(segment: ChainSegment): ChainVerification {
  const { from, to } = segment;
  let checked = 0;
  const broken = (sequence: number, problem: string, checkpointsChecked = 0): ChainVerification => ({ ok: false, checked, firstBrokenSequence: sequence, problem, checkpointsChecked });

  let previousHash = GENESIS_HASH;
  if (from > 1) {
    if (!segment.anchor || segment.anchor.sequence !== from - 1) return broken(from - 1, `entry ${from - 1} is missing`);
    previousHash = segment.anchor.hash;
  }
  let expected = from;
  for (const entry of segment.entries) {
    if (entry.sequence !== expected) return broken(expected, `entry ${expected} is missing or out of place (found ${entry.sequence})`);
    if (entryHash(entry) !== entry.hash) return broken(expected, `entry ${expected} does not match its hash`);
    if (entry.prevHash !== previousHash) return broken(expected, `entry ${expected} does not link to entry ${expected - 1}`);
    previousHash = entry.hash;
    expected += 1;
    checked += 1;
  }
  if (expected <= to) return broken(expected, `entry ${expected} is missing`);

  let checkpointsChecked = 0;
  const stored = segment.leafHashes.length;
  const ordered = [...segment.checkpoints].sort((a, b) => a.treeSize - b.treeSize);
  // Every checkpoint's root in one pass over the stored hashes (a checkpoint per few entries made this quadratic).
  const roots = prefixRoots(
    segment.leafHashes.map((h) => Buffer.from(h, "hex")),
    ordered.map((c) => c.treeSize).filter((size) => size <= stored),
  );
  for (const checkpoint of ordered) {
    const size = checkpoint.treeSize;
    if (size > stored) return broken(stored + 1, `checkpoint ${size} covers entries that are missing`, checkpointsChecked);
    const root = roots.get(size)?.toString("hex");
    if (root !== checkpoint.rootHash) return broken(size, `the entries 1..${size} no longer have the root checkpoint ${size} signed`, checkpointsChecked);
    const pem = segment.publicKey(checkpoint.keyId);
    if (!pem || !verifyCheckpointSignature(checkpoint, pem)) return broken(size, `checkpoint ${size} has no valid signature`, checkpointsChecked);
    checkpointsChecked += 1;
  }
  return { ok: true, checked, firstBrokenSequence: 0, problem: "", checkpointsChecked };
}
