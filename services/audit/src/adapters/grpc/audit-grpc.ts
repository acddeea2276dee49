import type { ServiceDefinition, UntypedServiceImplementation } from "@grpc/grpc-js";
import { loadPackageDefinition } from "@grpc/grpc-js";
import type { PackageDefinition } from "@grpc/proto-loader";
import { authenticate, invalidArgument, requirePermission, unary, type Caller, type CallContext, type Logger, type TokenVerifier } from "@yunxi/platform";
import { loadProtoDefinition } from "@yunxi/proto";
import type { EvidenceLedger } from "../../app/evidence-ledger.js";
import { canonicalJson } from "../../domain/canonical-json.js";
import type { Checkpoint } from "../../domain/checkpoint.js";
import type { LedgerEntry } from "../../domain/entry.js";

export const AUDIT_PROTO = "yunxi/audit/v1/audit.proto";

/** The package definition and service definition of AuditService. */
export function auditServiceDefinition(): { packageDefinition: PackageDefinition; service: ServiceDefinition } {
  const packageDefinition = loadProtoDefinition(AUDIT_PROTO);
  const loaded = loadPackageDefinition(packageDefinition) as unknown as { yunxi: { audit: { v1: { AuditService: { service: ServiceDefinition } } } } };
  return { packageDefinition, service: loaded.yunxi.audit.v1.AuditService.service };
}

/** uint64 arrives as a decimal string (loader option longs: String); anything else is a caller error. */
function uint(value: unknown, field: string): number {
  const text = value === undefined || value === null || value === "" ? "0" : String(value);
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n)) throw invalidArgument(`invalid ${field}`, { violations: [{ field, message: "must be a non-negative integer" }] });
  return n;
}

export function entryMessage(entry: LedgerEntry) {
  return {
    organisationId: entry.organisationId,
    sequence: String(entry.sequence),
    occurredAt: entry.occurredAt.toISOString(),
    recordedAt: entry.recordedAt.toISOString(),
    kind: entry.kind,
    sourceEventId: entry.sourceEventId,
    ...entry.subjects,
    payloadJson: canonicalJson(entry.payload),
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

function checkpointMessage(checkpoint: Checkpoint) {
  return { ...checkpoint, treeSize: String(checkpoint.treeSize), createdAt: checkpoint.createdAt.toISOString() };
}

/**
 * AuditService handlers. Each call verifies the caller's token, requires `evidence.read`, and works only
 * in the caller's organisation: an entry of another organisation is simply not found.
 */
export function makeAuditGrpc(ledger: EvidenceLedger, verifier: TokenVerifier, logger: Logger): UntypedServiceImplementation {
  const handle = <Req, Res>(fn: (request: Req, caller: Caller) => Promise<Res>) =>
    unary<Req, Res>(logger, async (request, context: CallContext) => {
      const caller = await authenticate(verifier, context);
      requirePermission(caller, "evidence.read");
      return fn(request, caller);
    });

  return {
    ListEntries: handle<{ subject: string; afterSequence: string; limit: number }, unknown>(async (req, caller) => {
      const page = await ledger.listEntries(caller.organisationId, req.subject ?? "", uint(req.afterSequence, "afterSequence"), req.limit ?? 0);
      return { entries: page.entries.map(entryMessage), nextAfterSequence: String(page.nextAfterSequence) };
    }),
    GetCheckpoint: handle<{ fresh: boolean }, unknown>(async (req, caller) => checkpointMessage(await ledger.checkpoint(caller.organisationId, req.fresh === true))),
    GetInclusionProof: handle<{ sequence: string; treeSize: string }, unknown>(async (req, caller) => {
      const proof = await ledger.inclusionProof(caller.organisationId, uint(req.sequence, "sequence"), uint(req.treeSize, "treeSize"));
      return { entry: entryMessage(proof.entry), checkpoint: checkpointMessage(proof.checkpoint), leafIndex: String(proof.leafIndex), auditPath: proof.auditPath };
    }),
    VerifyChain: handle<{ fromSequence: string; toSequence: string }, unknown>(async (req, caller) => {
      const result = await ledger.verifyChain(caller.organisationId, uint(req.fromSequence, "fromSequence"), uint(req.toSequence, "toSequence"));
      return { ...result, checked: String(result.checked), firstBrokenSequence: String(result.firstBrokenSequence) };
    }),
    GetPublicKey: handle<Record<string, never>, unknown>(async () => {
      const key = ledger.publicKey();
      return { algorithm: key.algorithm, keyId: key.keyId, publicKeyPem: key.pem };
    }),
    ExportEvidence: handle<{ subject: string }, unknown>(async (req, caller) => {
      const bundle = await ledger.exportEvidence(caller.organisationId, req.subject ?? "");
      return { bundleJson: JSON.stringify(bundle), entries: bundle.entries.length };
    }),
  };
}
