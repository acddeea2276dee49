import { createHash } from "node:crypto";
import { invalidArgument, type FieldViolation } from "@yunxi/platform";
import { canonicalJson, type CanonicalValue } from "./canonical-json.js";

/** prev_hash of an organisation's first entry. */
export const GENESIS_HASH = "0".repeat(64);

/** Domain separation: an entry hash can never be mistaken for any other hash the ledger makes. */
const ENTRY_DOMAIN = "yunxi.evidence.entry.v1";

/** The ids an entry is about; empty string when the step has none. */
export interface EntrySubjects {
  readonly applicationId: string;
  readonly deviceId: string;
  readonly impressionId: string;
  readonly actorUserId: string;
  /** The event's aggregate (ce_subject). */
  readonly aggregateId: string;
}

/** What a producer asks the ledger to record; the ledger adds sequence, recorded time and hashes. */
export interface EntryDraft {
  readonly organisationId: string;
  readonly occurredAt: Date;
  readonly kind: string;
  /** The bus event id (ce_id): a second append with the same id returns the first entry. Empty: none. */
  readonly sourceEventId: string;
  readonly subjects: EntrySubjects;
  readonly payload: CanonicalValue;
}

/** A recorded, hash-chained entry. */
export interface LedgerEntry extends EntryDraft {
  readonly sequence: number;
  readonly recordedAt: Date;
  /** Hex SHA-256 hash of the previous entry of the organisation, or {@link GENESIS_HASH}. */
  readonly prevHash: string;
  /** Hex {@link entryHash} of this entry. */
  readonly hash: string;
}

const KIND = /^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;
const HEX_HASH = /^[0-9a-f]{64}$/;
const MAX_ID = 200;

/** Checks a draft; every problem is listed in one InvalidArgument. */
export function validateDraft(draft: EntryDraft): void {
  const violations: FieldViolation[] = [];
  if (!draft.organisationId.trim() || draft.organisationId.length > MAX_ID) violations.push({ field: "organisationId", message: `must be 1..${MAX_ID} characters` });
  if (!KIND.test(draft.kind) || draft.kind.length > 120) violations.push({ field: "kind", message: "must look like <service>.<event>, lower case" });
  if (!(draft.occurredAt instanceof Date) || Number.isNaN(draft.occurredAt.getTime())) violations.push({ field: "occurredAt", message: "must be a valid instant" });
  if (draft.sourceEventId.length > MAX_ID) violations.push({ field: "sourceEventId", message: `must be at most ${MAX_ID} characters` });
  for (const [name, value] of Object.entries(draft.subjects)) {
    if (value.length > MAX_ID) violations.push({ field: `subjects.${name}`, message: `must be at most ${MAX_ID} characters` });
  }
  try {
    canonicalJson(draft.payload);
  } catch {
    violations.push({ field: "payload", message: "must be canonical JSON (no floats)" });
  }
  if (violations.length > 0) throw invalidArgument("invalid ledger entry", { violations });
}

/** The exact object an entry hash covers (every stored field except the hash itself). */
export function entryHashInput(entry: Omit<LedgerEntry, "hash">): Record<string, CanonicalValue> {
  return {
    organisationId: entry.organisationId,
    sequence: entry.sequence,
    occurredAt: entry.occurredAt.toISOString(),
    recordedAt: entry.recordedAt.toISOString(),
    kind: entry.kind,
    sourceEventId: entry.sourceEventId,
    applicationId: entry.subjects.applicationId,
    deviceId: entry.subjects.deviceId,
    impressionId: entry.subjects.impressionId,
    actorUserId: entry.subjects.actorUserId,
    aggregateId: entry.subjects.aggregateId,
    payload: entry.payload,
    prevHash: entry.prevHash,
  };
}

/** SHA-256("yunxi.evidence.entry.v1" || 0x00 || canonicalJson(entryHashInput)), lower-case hex. */
export function entryHash(entry: Omit<LedgerEntry, "hash">): string {
  return createHash("sha256")
    .update(ENTRY_DOMAIN)
    .update(Buffer.from([0]))
    .update(canonicalJson(entryHashInput(entry)))
    .digest("hex");
}

/** Builds the next entry of a chain whose last entry had `previous` (sequence and hash). */
export function chainEntry(draft: EntryDraft, previous: { sequence: number; hash: string }, recordedAt: Date): LedgerEntry {
  validateDraft(draft);
  // Millisecond precision: the stored timestamps and the hashed ISO strings must agree after a round trip.
  const unhashed = { ...draft, occurredAt: new Date(draft.occurredAt.getTime()), sequence: previous.sequence + 1, recordedAt: new Date(recordedAt.getTime()), prevHash: previous.hash };
  return { ...unhashed, hash: entryHash(unhashed) };
}

export function isHexHash(value: string): boolean {
  return HEX_HASH.test(value);
}
