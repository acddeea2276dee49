import type protobuf from "protobufjs";
import { alreadyExists, appendToOutbox, internal, notFound, PgliteSqlDatabase, PgSqlDatabase, prismaAdapterFor, sqlExecutorFromPrisma, type SqlDatabase } from "@yunxi/platform";
import type { KeyRing, KeyVersion } from "../../domain/key-ring.js";
import { SECURITY_LEVELS, SUITES, type SecurityLevel, type Suite } from "../../domain/suites.js";
import type { KeyOperationEvent, KeyStore, OrganisationPolicy, PolicyStore, SealedVersion, StoredKeyRing } from "../../app/ports.js";
import { keyOperationEventType, keyOperationMessage } from "../events/event-bus-audit-publisher.js";
import { Prisma, PrismaClient } from "../../generated/prisma/client.js";

type Tx = Prisma.TransactionClient;

/** The generated client over the platform's handle of the key_management schema (PostgreSQL or PGlite). */
export function keyManagementPrismaClient(db: SqlDatabase): PrismaClient {
  if (!(db instanceof PgSqlDatabase) && !(db instanceof PgliteSqlDatabase)) throw internal("the key-management service needs a PostgreSQL or PGlite database handle");
  return new PrismaClient({ adapter: prismaAdapterFor(db) });
}

type VersionRow = Prisma.KeyVersionGetPayload<object>;

const suiteOf = (value: string): Suite => {
  if (!(SUITES as readonly string[]).includes(value)) throw internal(`stored suite ${value} is unknown`);
  return value as Suite;
};
const levelOf = (value: string): SecurityLevel => {
  if (!(SECURITY_LEVELS as readonly string[]).includes(value)) throw internal(`stored security level ${value} is unknown`);
  return value as SecurityLevel;
};
const isUniqueViolation = (error: unknown): boolean => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

const versionRow = (organisationId: string, name: string, version: KeyVersion, sealedMaterial: Buffer) => ({
  organisationId,
  name,
  version: version.version,
  createdAt: version.createdAt,
  securityLevel: version.provenance.securityLevel,
  qkdKeyIds: [...version.provenance.qkdKeyIds],
  path: [...version.provenance.path],
  operations: BigInt(version.operations),
  sealedMaterial: new Uint8Array(sealedMaterial),
});

/**
 * Appends key-operation events to the outbox on a store's transaction and nudges the relay once that
 * transaction committed. Shared by both stores, which live in the same schema.
 */
export class KeyEventOutbox {
  private readonly type: protobuf.Type = keyOperationEventType();

  /** `afterCommit` runs after a transaction that appended events committed (the module nudges its relay). */
  constructor(private readonly afterCommit: () => void = () => undefined) {}

  async append(tx: Tx, events: readonly KeyOperationEvent[]): Promise<void> {
    if (events.length > 0) await appendToOutbox(sqlExecutorFromPrisma(tx), events.map((event) => keyOperationMessage(this.type, event)));
  }

  committed(events: readonly KeyOperationEvent[]): void {
    if (events.length > 0) this.afterCommit();
  }
}

const toVersion = (row: VersionRow): KeyVersion => ({
  version: row.version,
  createdAt: row.createdAt,
  provenance: { securityLevel: levelOf(row.securityLevel), qkdKeyIds: row.qkdKeyIds, path: row.path },
  operations: Number(row.operations),
});

/**
 * Key rings and their versions in the service's own schema. Material arrives already sealed under the
 * storage key, so nothing here ever sees a KEK in clear. Usage counters change with a single conditional
 * UPDATE, which PostgreSQL re-checks under the row lock: concurrent callers cannot overrun the limit.
 * Every change appends its audit events to `outbox_event` in its own transaction.
 */
export class PrismaKeyStore implements KeyStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly outbox: KeyEventOutbox,
  ) {}

  async get(organisationId: string, name: string): Promise<StoredKeyRing | undefined> {
    const row = await this.prisma.keyRing.findUnique({
      where: { organisationId_name: { organisationId, name } },
      include: { versions: { orderBy: { version: "asc" } } },
    });
    if (!row) return undefined;
    const ring: KeyRing = {
      organisationId: row.organisationId,
      name: row.name,
      suite: suiteOf(row.suite),
      versions: row.versions.map(toVersion),
      minDecryptionVersion: row.minDecryptionVersion,
      maxOperationsPerVersion: Number(row.maxOperationsPerVersion),
    };
    return { ring, sealedMaterial: new Map(row.versions.map((v) => [v.version, Buffer.from(v.sealedMaterial)])) };
  }

  async create(stored: StoredKeyRing, events: readonly KeyOperationEvent[]): Promise<void> {
    const { ring } = stored;
    const versions = ring.versions.map((v) => {
      const sealed = stored.sealedMaterial.get(v.version);
      if (!sealed) throw internal(`key ${ring.name} version ${v.version} has no sealed material`);
      const { organisationId: _o, name: _n, ...rest } = versionRow(ring.organisationId, ring.name, v, sealed);
      return rest;
    });
    try {
      await this.prisma.$transaction(async (tx) => {
        await tx.keyRing.create({
          data: {
            organisationId: ring.organisationId,
            name: ring.name,
            suite: ring.suite,
            minDecryptionVersion: ring.minDecryptionVersion,
            maxOperationsPerVersion: BigInt(ring.maxOperationsPerVersion),
            versions: { create: versions },
          },
        });
        await this.outbox.append(tx, events);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyExists(`key ${ring.name} already exists`, { cause: error });
      throw error;
    }
    this.outbox.committed(events);
  }

  async addVersion(organisationId: string, name: string, version: KeyVersion, sealedMaterial: Buffer, events: readonly KeyOperationEvent[]): Promise<void> {
    try {
      await this.prisma.$transaction(async (tx) => {
        const ring = await tx.keyRing.findUnique({ where: { organisationId_name: { organisationId, name } }, select: { name: true } });
        if (!ring) throw notFound(`key ${name} not found`);
        await tx.keyVersion.create({ data: versionRow(organisationId, name, version, sealedMaterial) });
        await this.outbox.append(tx, events);
      });
    } catch (error) {
      // Two rotations raced for the same number: the loser must not overwrite the winner's material.
      if (isUniqueViolation(error)) throw alreadyExists(`key ${name} version ${version.version} already exists; retry`, { cause: error });
      throw error;
    }
    this.outbox.committed(events);
  }

  async setMinDecryptionVersion(organisationId: string, name: string, minDecryptionVersion: number, events: readonly KeyOperationEvent[]): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.keyRing.updateMany({ where: { organisationId, name }, data: { minDecryptionVersion } });
      if (count === 0) throw notFound(`key ${name} not found`);
      await this.outbox.append(tx, events);
    });
    this.outbox.committed(events);
  }

  async reserveOperations(organisationId: string, name: string, version: number, count: number, limit: number, events: readonly KeyOperationEvent[]): Promise<boolean> {
    const reserved = await this.prisma.$transaction(async (tx) => {
      const updated = await tx.keyVersion.updateMany({
        where: { organisationId, name, version, operations: { lte: BigInt(limit - count) } },
        data: { operations: { increment: BigInt(count) } },
      });
      if (updated.count === 1) {
        await this.outbox.append(tx, events);
        return true;
      }
      const exists = await tx.keyVersion.findUnique({ where: { organisationId_name_version: { organisationId, name, version } }, select: { version: true } });
      if (!exists) throw notFound(`key ${name} has no version ${version}`);
      return false;
    });
    if (reserved) this.outbox.committed(events);
    return reserved;
  }

  async anySealedVersion(): Promise<SealedVersion | undefined> {
    const row = await this.prisma.keyVersion.findFirst({ orderBy: [{ createdAt: "desc" }], select: { organisationId: true, name: true, version: true, sealedMaterial: true } });
    return row ? { organisationId: row.organisationId, name: row.name, version: row.version, sealedMaterial: Buffer.from(row.sealedMaterial) } : undefined;
  }
}

/** Per-organisation crypto policies in the service's schema; a change and its audit events commit together. */
export class PrismaPolicyStore implements PolicyStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly outbox: KeyEventOutbox,
  ) {}

  async get(organisationId: string): Promise<OrganisationPolicy | undefined> {
    const row = await this.prisma.organisationPolicy.findUnique({ where: { organisationId } });
    return row ? { organisationId: row.organisationId, suite: suiteOf(row.suite), requireQkd: row.requireQkd } : undefined;
  }

  async put(policy: OrganisationPolicy, events: readonly KeyOperationEvent[]): Promise<void> {
    const data = { suite: policy.suite, requireQkd: policy.requireQkd, updatedAt: new Date() };
    await this.prisma.$transaction(async (tx) => {
      await tx.organisationPolicy.upsert({ where: { organisationId: policy.organisationId }, create: { organisationId: policy.organisationId, ...data }, update: data });
      await this.outbox.append(tx, events);
    });
    this.outbox.committed(events);
  }
}
