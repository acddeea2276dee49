import { alreadyExists, internal, notFound, PgliteSqlDatabase, PgSqlDatabase, prismaAdapterFor, type SqlDatabase } from "@yunxi/platform";
import type { KeyRing, KeyVersion } from "../../domain/key-ring.js";
import { SECURITY_LEVELS, SUITES, type SecurityLevel, type Suite } from "../../domain/suites.js";
import type { KeyStore, OrganisationPolicy, PolicyStore, SealedVersion, StoredKeyRing } from "../../app/ports.js";
import { Prisma, PrismaClient } from "../../generated/prisma/client.js";

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
 */
export class PrismaKeyStore implements KeyStore {
  constructor(private readonly prisma: PrismaClient) {}

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

  async create(stored: StoredKeyRing): Promise<void> {
    const { ring } = stored;
    const versions = ring.versions.map((v) => {
      const sealed = stored.sealedMaterial.get(v.version);
      if (!sealed) throw internal(`key ${ring.name} version ${v.version} has no sealed material`);
      const { organisationId: _o, name: _n, ...rest } = versionRow(ring.organisationId, ring.name, v, sealed);
      return rest;
    });
    try {
      await this.prisma.keyRing.create({
        data: {
          organisationId: ring.organisationId,
          name: ring.name,
          suite: ring.suite,
          minDecryptionVersion: ring.minDecryptionVersion,
          maxOperationsPerVersion: BigInt(ring.maxOperationsPerVersion),
          versions: { create: versions },
        },
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyExists(`key ${ring.name} already exists`, { cause: error });
      throw error;
    }
  }

  async addVersion(organisationId: string, name: string, version: KeyVersion, sealedMaterial: Buffer): Promise<void> {
    await this.requireRing(organisationId, name);
    try {
      await this.prisma.keyVersion.create({ data: versionRow(organisationId, name, version, sealedMaterial) });
    } catch (error) {
      // Two rotations raced for the same number: the loser must not overwrite the winner's material.
      if (isUniqueViolation(error)) throw alreadyExists(`key ${name} version ${version.version} already exists; retry`, { cause: error });
      throw error;
    }
  }

  async setMinDecryptionVersion(organisationId: string, name: string, minDecryptionVersion: number): Promise<void> {
    const { count } = await this.prisma.keyRing.updateMany({ where: { organisationId, name }, data: { minDecryptionVersion } });
    if (count === 0) throw notFound(`key ${name} not found`);
  }

  async reserveOperations(organisationId: string, name: string, version: number, count: number, limit: number): Promise<boolean> {
    const updated = await this.prisma.keyVersion.updateMany({
      where: { organisationId, name, version, operations: { lte: BigInt(limit - count) } },
      data: { operations: { increment: BigInt(count) } },
    });
    if (updated.count === 1) return true;
    const exists = await this.prisma.keyVersion.findUnique({ where: { organisationId_name_version: { organisationId, name, version } }, select: { version: true } });
    if (!exists) throw notFound(`key ${name} has no version ${version}`);
    return false;
  }

  async anySealedVersion(): Promise<SealedVersion | undefined> {
    const row = await this.prisma.keyVersion.findFirst({ orderBy: [{ createdAt: "desc" }], select: { organisationId: true, name: true, version: true, sealedMaterial: true } });
    return row ? { organisationId: row.organisationId, name: row.name, version: row.version, sealedMaterial: Buffer.from(row.sealedMaterial) } : undefined;
  }

  private async requireRing(organisationId: string, name: string): Promise<void> {
    const ring = await this.prisma.keyRing.findUnique({ where: { organisationId_name: { organisationId, name } }, select: { name: true } });
    if (!ring) throw notFound(`key ${name} not found`);
  }
}

/** Per-organisation crypto policies in the service's schema. */
export class PrismaPolicyStore implements PolicyStore {
  constructor(private readonly prisma: PrismaClient) {}

  async get(organisationId: string): Promise<OrganisationPolicy | undefined> {
    const row = await this.prisma.organisationPolicy.findUnique({ where: { organisationId } });
    return row ? { organisationId: row.organisationId, suite: suiteOf(row.suite), requireQkd: row.requireQkd } : undefined;
  }

  async put(policy: OrganisationPolicy): Promise<void> {
    const data = { suite: policy.suite, requireQkd: policy.requireQkd, updatedAt: new Date() };
    await this.prisma.organisationPolicy.upsert({ where: { organisationId: policy.organisationId }, create: { organisationId: policy.organisationId, ...data }, update: data });
  }
}
