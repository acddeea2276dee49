import type { Checkpoint } from "../domain/checkpoint.js";
import type { LedgerEntry } from "../domain/entry.js";

/** The chain's head: the last sequence and its hash (0 and the genesis hash for an empty ledger). */
export interface ChainHead {
  readonly sequence: number;
  readonly hash: string;
}

/** What the append path may do while it holds one organisation's ledger lock, in one transaction. */
export interface LockedLedger {
  head(): Promise<ChainHead>;
  /** The entry recorded from this source event, if any. */
  findBySourceEvent(sourceEventId: string): Promise<LedgerEntry | undefined>;
  /** Stores the entry and moves the head to it. */
  insertEntry(entry: LedgerEntry): Promise<void>;
  /** Stored entry hashes 1..upTo, in sequence order. */
  entryHashes(upTo: number): Promise<string[]>;
  latestCheckpoint(): Promise<Checkpoint | undefined>;
  /** Stores the checkpoint and announces it (outbox), in the same transaction. */
  insertCheckpoint(checkpoint: Checkpoint): Promise<void>;
}

/** Storage of the evidence ledger. Every read is scoped to one organisation. */
export interface LedgerRepository {
  /** Runs `work` in one transaction holding the organisation's ledger lock: appends never interleave. */
  locked<T>(organisationId: string, work: (ledger: LockedLedger) => Promise<T>): Promise<T>;
  /**
   * Like {@link locked}, at most once per (consumer group, event id): the processed-event record commits
   * with the work. Resolves false, without running `work`, for a redelivery.
   */
  lockedOnce(group: string, eventId: string, organisationId: string, work: (ledger: LockedLedger) => Promise<void>): Promise<boolean>;
  headSequence(organisationId: string): Promise<number>;
  entry(organisationId: string, sequence: number): Promise<LedgerEntry | undefined>;
  /** Stored entries with sequences from..to, ordered by sequence. */
  entries(organisationId: string, from: number, to: number): Promise<LedgerEntry[]>;
  /** Entries naming `subject` in any subject field, after `afterSequence`, at most `limit`. */
  entriesBySubject(organisationId: string, subject: string, afterSequence: number, limit: number): Promise<LedgerEntry[]>;
  entryHashes(organisationId: string, upTo: number): Promise<string[]>;
  latestCheckpoint(organisationId: string): Promise<Checkpoint | undefined>;
  checkpoint(organisationId: string, treeSize: number): Promise<Checkpoint | undefined>;
  checkpointsUpTo(organisationId: string, treeSize: number): Promise<Checkpoint[]>;
}

/** The audit service's checkpoint signing key. */
export interface CheckpointSigner {
  readonly keyId: string;
  /** PEM SubjectPublicKeyInfo. */
  readonly publicKeyPem: string;
  /** Ed25519 signature, base64. */
  sign(data: Uint8Array): string;
  /** Public keys of every key this ledger has signed with (older keys after a rotation). */
  publicKeyOf(keyId: string): string | undefined;
}

export interface Clock {
  now(): Date;
}
