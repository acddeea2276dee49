import type protobuf from "protobufjs";
import { appendToOutbox, encodeEvent, handleOnce, type SqlDatabase, type SqlExecutor } from "@yunxi/platform";
import { protoMessageType } from "@yunxi/proto";
import type { LedgerRepository, LockedLedger } from "../../app/ports.js";
import type { CanonicalValue } from "../../domain/canonical-json.js";
import type { Checkpoint } from "../../domain/checkpoint.js";
import { GENESIS_HASH, type LedgerEntry } from "../../domain/entry.js";
import type { PrismaClient } from "../../generated/prisma/client.js";

export const CHECKPOINT_CREATED_TOPIC = "yunxi.audit.v1.checkpoint-created";

/** The CheckpointCreated protobuf type from proto/yunxi/audit/v1/events.proto. */
export function checkpointCreatedType(): protobuf.Type {
  return protoMessageType("yunxi/audit/v1/events.proto", "yunxi.audit.v1.CheckpointCreated");
}

interface EntryRow extends Record<string, unknown> {
  organisation_id: string;
  sequence: bigint;
  occurred_at: Date;
  recorded_at: Date;
  kind: string;
  source_event_id: string | null;
  application_id: string;
  device_id: string;
  impression_id: string;
  actor_user_id: string;
  aggregate_id: string;
  payload: unknown;
  prev_hash: string;
  hash: string;
}

interface CheckpointRow extends Record<string, unknown> {
  organisation_id: string;
  tree_size: bigint;
  root_hash: string;
  created_at: Date;
  key_id: string;
  signature: string;
}

const ENTRY_COLUMNS =
  "organisation_id, sequence, occurred_at, recorded_at, kind, source_event_id, application_id, device_id, impression_id, actor_user_id, aggregate_id, payload, prev_hash, hash";

function entryFromRow(row: EntryRow): LedgerEntry {
  return {
    organisationId: row.organisation_id,
    sequence: Number(row.sequence),
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    kind: row.kind,
    sourceEventId: row.source_event_id ?? "",
    subjects: { applicationId: row.application_id, deviceId: row.device_id, impressionId: row.impression_id, actorUserId: row.actor_user_id, aggregateId: row.aggregate_id },
    payload: row.payload as CanonicalValue,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The Prisma model's shape, mapped the same way as raw rows. */
type EntryModel = Awaited<ReturnType<PrismaClient["ledgerEntry"]["findMany"]>>[number];
function entryFromModel(m: EntryModel): LedgerEntry {
  return entryFromRow({
    organisation_id: m.organisationId,
    sequence: m.sequence,
    occurred_at: m.occurredAt,
    recorded_at: m.recordedAt,
    kind: m.kind,
    source_event_id: m.sourceEventId,
    application_id: m.applicationId,
    device_id: m.deviceId,
    impression_id: m.impressionId,
    actor_user_id: m.actorUserId,
    aggregate_id: m.aggregateId,
    payload: m.payload,
    prev_hash: m.prevHash,
    hash: m.hash,
  });
}

type CheckpointModel = Awaited<ReturnType<PrismaClient["ledgerCheckpoint"]["findMany"]>>[number];
function checkpointFromModel(m: CheckpointModel): Checkpoint {
  return { organisationId: m.organisationId, treeSize: Number(m.treeSize), rootHash: m.rootHash, createdAt: m.createdAt, keyId: m.keyId, signature: m.signature };
}

/**
 * The ledger on PostgreSQL / PGlite. Reads go through the Prisma client; the append path runs as raw SQL
 * on the platform transaction (`SqlDatabase.transaction` or `handleOnce`), because it must share one
 * transaction with the processed-event record and hold the organisation's head row lock
 * (`SELECT … FOR UPDATE`) — the lock is what serialises appends, and `(organisation_id, sequence)` being
 * the primary key means even a bypassed lock could never fork the chain.
 */
export class PrismaLedgerRepository implements LedgerRepository {
  readonly #db: SqlDatabase;
  readonly #prisma: PrismaClient;
  readonly #checkpointCreated = checkpointCreatedType();

  constructor(db: SqlDatabase, prisma: PrismaClient) {
    this.#db = db;
    this.#prisma = prisma;
  }

  locked<T>(organisationId: string, work: (ledger: LockedLedger) => Promise<T>): Promise<T> {
    return this.#db.transaction((tx) => this.#lockedOn(tx, organisationId, work));
  }

  lockedOnce(group: string, eventId: string, organisationId: string, work: (ledger: LockedLedger) => Promise<void>): Promise<boolean> {
    return handleOnce(this.#db, group, eventId, (tx) => this.#lockedOn(tx, organisationId, work));
  }

  async #lockedOn<T>(tx: SqlExecutor, organisationId: string, work: (ledger: LockedLedger) => Promise<T>): Promise<T> {
    await tx.query("INSERT INTO ledger_head (organisation_id, last_sequence, last_hash) VALUES ($1, 0, $2) ON CONFLICT (organisation_id) DO NOTHING", [organisationId, GENESIS_HASH]);
    const [row] = await tx.query<{ last_sequence: bigint; last_hash: string }>("SELECT last_sequence, last_hash FROM ledger_head WHERE organisation_id = $1 FOR UPDATE", [organisationId]);
    if (!row) throw new Error("ledger head row vanished under its lock");
    let head = { sequence: Number(row.last_sequence), hash: row.last_hash };
    const checkpointType = this.#checkpointCreated;
    const ledger: LockedLedger = {
      head: async () => head,
      async findBySourceEvent(sourceEventId) {
        const rows = await tx.query<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM ledger_entry WHERE organisation_id = $1 AND source_event_id = $2`, [organisationId, sourceEventId]);
        return rows[0] ? entryFromRow(rows[0]) : undefined;
      },
      async insertEntry(entry) {
        if (entry.organisationId !== organisationId) throw new Error("entry of another organisation under this lock");
        await tx.query(
          `INSERT INTO ledger_entry (${ENTRY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14)`,
          [
            entry.organisationId,
            entry.sequence,
            entry.occurredAt,
            entry.recordedAt,
            entry.kind,
            entry.sourceEventId || null,
            entry.subjects.applicationId,
            entry.subjects.deviceId,
            entry.subjects.impressionId,
            entry.subjects.actorUserId,
            entry.subjects.aggregateId,
            JSON.stringify(entry.payload),
            entry.prevHash,
            entry.hash,
          ],
        );
        await tx.query("UPDATE ledger_head SET last_sequence = $2, last_hash = $3 WHERE organisation_id = $1", [organisationId, entry.sequence, entry.hash]);
        head = { sequence: entry.sequence, hash: entry.hash };
      },
      async entryHashes(upTo) {
        const rows = await tx.query<{ hash: string }>("SELECT hash FROM ledger_entry WHERE organisation_id = $1 AND sequence <= $2 ORDER BY sequence", [organisationId, upTo]);
        return rows.map((r) => r.hash);
      },
      async latestCheckpoint() {
        const rows = await tx.query<CheckpointRow>("SELECT * FROM ledger_checkpoint WHERE organisation_id = $1 ORDER BY tree_size DESC LIMIT 1", [organisationId]);
        const r = rows[0];
        return r ? { organisationId: r.organisation_id, treeSize: Number(r.tree_size), rootHash: r.root_hash, createdAt: r.created_at, keyId: r.key_id, signature: r.signature } : undefined;
      },
      async insertCheckpoint(checkpoint) {
        await tx.query("INSERT INTO ledger_checkpoint (organisation_id, tree_size, root_hash, created_at, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6)", [
          checkpoint.organisationId,
          checkpoint.treeSize,
          checkpoint.rootHash,
          checkpoint.createdAt,
          checkpoint.keyId,
          checkpoint.signature,
        ]);
        await appendToOutbox(
          tx,
          encodeEvent({
            topic: CHECKPOINT_CREATED_TOPIC,
            type: checkpointType,
            organisationId: checkpoint.organisationId,
            aggregateId: checkpoint.organisationId,
            occurredAt: checkpoint.createdAt,
            payload: {
              organisationId: checkpoint.organisationId,
              treeSize: checkpoint.treeSize,
              rootHash: checkpoint.rootHash,
              keyId: checkpoint.keyId,
              signature: checkpoint.signature,
              createdAt: checkpoint.createdAt.toISOString(),
            },
          }),
        );
      },
    };
    return work(ledger);
  }

  async headSequence(organisationId: string): Promise<number> {
    const head = await this.#prisma.ledgerHead.findUnique({ where: { organisationId } });
    return head ? Number(head.lastSequence) : 0;
  }

  async entry(organisationId: string, sequence: number): Promise<LedgerEntry | undefined> {
    const found = await this.#prisma.ledgerEntry.findUnique({ where: { organisationId_sequence: { organisationId, sequence: BigInt(sequence) } } });
    return found ? entryFromModel(found) : undefined;
  }

  async entries(organisationId: string, from: number, to: number): Promise<LedgerEntry[]> {
    const rows = await this.#prisma.ledgerEntry.findMany({ where: { organisationId, sequence: { gte: BigInt(from), lte: BigInt(to) } }, orderBy: { sequence: "asc" } });
    return rows.map(entryFromModel);
  }

  async entriesBySubject(organisationId: string, subject: string, afterSequence: number, limit: number): Promise<LedgerEntry[]> {
    const rows = await this.#prisma.ledgerEntry.findMany({
      where: {
        organisationId,
        sequence: { gt: BigInt(afterSequence) },
        OR: [{ applicationId: subject }, { deviceId: subject }, { impressionId: subject }, { actorUserId: subject }, { aggregateId: subject }],
      },
      orderBy: { sequence: "asc" },
      take: limit,
    });
    return rows.map(entryFromModel);
  }

  async entryHashes(organisationId: string, upTo: number): Promise<string[]> {
    const rows = await this.#prisma.ledgerEntry.findMany({ where: { organisationId, sequence: { lte: BigInt(upTo) } }, orderBy: { sequence: "asc" }, select: { hash: true } });
    return rows.map((r) => r.hash);
  }

  async latestCheckpoint(organisationId: string): Promise<Checkpoint | undefined> {
    const found = await this.#prisma.ledgerCheckpoint.findFirst({ where: { organisationId }, orderBy: { treeSize: "desc" } });
    return found ? checkpointFromModel(found) : undefined;
  }

  async checkpoint(organisationId: string, treeSize: number): Promise<Checkpoint | undefined> {
    const found = await this.#prisma.ledgerCheckpoint.findUnique({ where: { organisationId_treeSize: { organisationId, treeSize: BigInt(treeSize) } } });
    return found ? checkpointFromModel(found) : undefined;
  }

  async checkpointsUpTo(organisationId: string, treeSize: number): Promise<Checkpoint[]> {
    const rows = await this.#prisma.ledgerCheckpoint.findMany({ where: { organisationId, treeSize: { lte: BigInt(treeSize) } }, orderBy: { treeSize: "asc" } });
    return rows.map(checkpointFromModel);
  }
}
