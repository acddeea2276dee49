import { z } from "zod";
import type { CanonicalValue } from "./canonical-json.js";
import { verifyCheckpointSignature, type Checkpoint } from "./checkpoint.js";
import { entryHash, isHexHash, type LedgerEntry } from "./entry.js";
import { verifyInclusion } from "./merkle.js";

export const EVIDENCE_BUNDLE_FORMAT = "yunxi.evidence-bundle.v1";

/** One entry as it appears in JSON: every hashed field flat, times as ISO strings. */
export interface EntryJson {
  readonly organisationId: string;
  readonly sequence: number;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly kind: string;
  readonly sourceEventId: string;
  readonly applicationId: string;
  readonly deviceId: string;
  readonly impressionId: string;
  readonly actorUserId: string;
  readonly aggregateId: string;
  readonly payload: CanonicalValue;
  readonly prevHash: string;
  readonly hash: string;
}

/** A self-contained chain of custody: verifiable offline with nothing but this file. */
export interface EvidenceBundle {
  readonly format: typeof EVIDENCE_BUNDLE_FORMAT;
  readonly organisationId: string;
  readonly subject: string;
  readonly publicKey: { readonly algorithm: "Ed25519"; readonly keyId: string; readonly pem: string };
  readonly checkpoint: { readonly organisationId: string; readonly treeSize: number; readonly rootHash: string; readonly createdAt: string; readonly keyId: string; readonly signature: string };
  readonly entries: readonly { readonly entry: EntryJson; readonly auditPath: readonly string[] }[];
}

export function entryToJson(entry: LedgerEntry): EntryJson {
  return {
    organisationId: entry.organisationId,
    sequence: entry.sequence,
    occurredAt: entry.occurredAt.toISOString(),
    recordedAt: entry.recordedAt.toISOString(),
    kind: entry.kind,
    sourceEventId: entry.sourceEventId,
    ...entry.subjects,
    payload: entry.payload,
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

export function entryFromJson(json: EntryJson): LedgerEntry {
  return {
    organisationId: json.organisationId,
    sequence: json.sequence,
    occurredAt: new Date(json.occurredAt),
    recordedAt: new Date(json.recordedAt),
    kind: json.kind,
    sourceEventId: json.sourceEventId,
    subjects: { applicationId: json.applicationId, deviceId: json.deviceId, impressionId: json.impressionId, actorUserId: json.actorUserId, aggregateId: json.aggregateId },
    payload: json.payload,
    prevHash: json.prevHash,
    hash: json.hash,
  };
}

const hex = z.string().refine(isHexHash, "must be 64 lower-case hex digits");
const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString() === s, "must be an ISO-8601 UTC instant with milliseconds");
const canonical: z.ZodType<CanonicalValue> = z.lazy(() => z.union([z.null(), z.boolean(), z.number().int(), z.string(), z.array(canonical), z.record(z.string(), canonical)]));
const entrySchema = z.object({
  organisationId: z.string(),
  sequence: z.number().int().min(1),
  occurredAt: instant,
  recordedAt: instant,
  kind: z.string(),
  sourceEventId: z.string(),
  applicationId: z.string(),
  deviceId: z.string(),
  impressionId: z.string(),
  actorUserId: z.string(),
  aggregateId: z.string(),
  payload: canonical,
  prevHash: hex,
  hash: hex,
});
const bundleSchema = z.object({
  format: z.literal(EVIDENCE_BUNDLE_FORMAT),
  organisationId: z.string().min(1),
  subject: z.string(),
  publicKey: z.object({ algorithm: z.literal("Ed25519"), keyId: z.string(), pem: z.string() }),
  checkpoint: z.object({ organisationId: z.string(), treeSize: z.number().int().min(1), rootHash: hex, createdAt: instant, keyId: z.string(), signature: z.string() }),
  entries: z.array(z.object({ entry: entrySchema, auditPath: z.array(hex) })),
});

export interface BundleVerification {
  readonly ok: boolean;
  readonly entriesVerified: number;
  readonly problems: readonly string[];
  readonly keyId: string;
}

/**
 * Verifies a chain-of-custody bundle with no server: the checkpoint's Ed25519 signature (against
 * `trustedPublicKeyPem` when given, else the bundle's own key, whose id the caller should compare with
 * one obtained independently), each entry's hash recomputed from its fields, each entry's inclusion in the
 * checkpoint's Merkle tree, and the links between consecutive entries present in the bundle.
 */
export function verifyEvidenceBundle(input: unknown, options: { readonly trustedPublicKeyPem?: string } = {}): BundleVerification {
  const parsed = bundleSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, entriesVerified: 0, keyId: "", problems: parsed.error.issues.map((i) => `${i.path.join(".") || "bundle"}: ${i.message}`) };
  }
  const bundle = parsed.data;
  const problems: string[] = [];
  const checkpoint: Checkpoint = { ...bundle.checkpoint, createdAt: new Date(bundle.checkpoint.createdAt) };
  const pem = options.trustedPublicKeyPem ?? bundle.publicKey.pem;
  if (checkpoint.organisationId !== bundle.organisationId) problems.push("checkpoint belongs to another organisation");
  if (!verifyCheckpointSignature(checkpoint, pem)) problems.push(`checkpoint ${checkpoint.treeSize} signature does not verify with key ${options.trustedPublicKeyPem ? "(trusted)" : bundle.publicKey.keyId}`);
  const root = Buffer.from(checkpoint.rootHash, "hex");
  let verified = 0;
  const bySequence = new Map<number, LedgerEntry>();
  for (const { entry: json, auditPath } of bundle.entries) {
    const entry = entryFromJson(json as EntryJson);
    const at = `entry ${entry.sequence}`;
    let good = true;
    if (entry.organisationId !== bundle.organisationId) {
      problems.push(`${at}: belongs to another organisation`);
      good = false;
    }
    if (entryHash(entry) !== entry.hash) {
      problems.push(`${at}: fields do not match its hash`);
      good = false;
    }
    const proofOk = verifyInclusion(Buffer.from(entry.hash, "hex"), entry.sequence - 1, checkpoint.treeSize, auditPath.map((p) => Buffer.from(p, "hex")), root);
    if (!proofOk) {
      problems.push(`${at}: not included in checkpoint ${checkpoint.treeSize}`);
      good = false;
    }
    if (bySequence.has(entry.sequence)) {
      problems.push(`${at}: appears twice`);
      good = false;
    }
    bySequence.set(entry.sequence, entry);
    if (good) verified += 1;
  }
  for (const [sequence, entry] of bySequence) {
    const previous = bySequence.get(sequence - 1);
    if (previous && entry.prevHash !== previous.hash) problems.push(`entry ${sequence}: does not link to entry ${sequence - 1}`);
  }
  return { ok: problems.length === 0, entriesVerified: verified, problems, keyId: bundle.publicKey.keyId };
}
