import { alreadyExists, appendToOutbox, internal, PgliteSqlDatabase, PgSqlDatabase, prismaAdapterFor, sqlExecutorFromPrisma, type SqlDatabase } from "@yunxi/platform";
import type { DeviceQuota, MediaEvent, MediaRepository } from "../../app/ports.js";
import { MEDIA_KINDS, type MediaAccess, type MediaItem, type MediaKind, type MediaOwner, type Upload } from "../../domain/media.js";
import { toBusMessage } from "../events/media-events.js";
import { PrismaClient, type Prisma } from "../../generated/prisma/client.js";

type Tx = Prisma.TransactionClient;

/** The generated client over the platform's handle of the media schema (PostgreSQL or PGlite). */
export function mediaPrismaClient(db: SqlDatabase): PrismaClient {
  if (!(db instanceof PgSqlDatabase) && !(db instanceof PgliteSqlDatabase)) throw internal("the media service needs a PostgreSQL or PGlite database handle");
  return new PrismaClient({ adapter: prismaAdapterFor(db) });
}

const kindOf = (value: string): MediaKind => {
  if (!(MEDIA_KINDS as readonly string[]).includes(value)) throw internal(`stored media kind ${value} is unknown`);
  return value as MediaKind;
};
const ownerOf = (row: { ownerDeviceId: string | null; ownerUserId: string | null }): MediaOwner =>
  row.ownerDeviceId !== null ? { deviceId: row.ownerDeviceId } : { userId: row.ownerUserId ?? "" };
const optional = <K extends string, V>(key: K, value: V | null): { [P in K]?: V } => (value === null ? {} : ({ [key]: value } as { [P in K]?: V }));

type UploadRow = Prisma.MediaUploadGetPayload<object>;
type ItemRow = Prisma.MediaItemGetPayload<object>;

const toUpload = (row: UploadRow): Upload => ({
  id: row.id,
  organisationId: row.organisationId,
  kind: kindOf(row.kind),
  contentType: row.contentType,
  size: Number(row.size),
  sha256: row.sha256,
  owner: ownerOf(row),
  ...optional("applicationId", row.applicationId),
  ...optional("impressionSequence", row.impressionSequence === null ? null : Number(row.impressionSequence)),
  stagingKey: row.stagingKey,
  createdBy: row.createdBy,
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
  state: row.state === "completed" ? "completed" : "pending",
});

const toItem = (row: ItemRow): MediaItem => ({
  id: row.id,
  organisationId: row.organisationId,
  kind: kindOf(row.kind),
  contentType: row.contentType,
  size: Number(row.size),
  storedSize: Number(row.storedSize),
  sha256: row.sha256,
  owner: ownerOf(row),
  ...optional("applicationId", row.applicationId),
  ...optional("impressionSequence", row.impressionSequence === null ? null : Number(row.impressionSequence)),
  blobKey: row.blobKey,
  keyName: row.keyName,
  keyVersion: row.keyVersion,
  wrappedKey: row.wrappedKey,
  chunkBytes: row.chunkBytes,
  storedBy: row.storedBy,
  createdAt: row.createdAt,
});

/** The media repository on Prisma (PostgreSQL or embedded PGlite, schema `media`). */
export class PrismaMediaRepository implements MediaRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async #outbox(tx: Tx, events: readonly MediaEvent[]): Promise<void> {
    if (events.length > 0) await appendToOutbox(sqlExecutorFromPrisma(tx), events.map(toBusMessage));
  }

  async createUpload(upload: Upload): Promise<void> {
    try {
      await this.prisma.mediaUpload.create({
        data: {
          id: upload.id,
          organisationId: upload.organisationId,
          kind: upload.kind,
          contentType: upload.contentType,
          size: BigInt(upload.size),
          sha256: upload.sha256,
          ownerDeviceId: upload.owner.deviceId ?? null,
          ownerUserId: upload.owner.userId ?? null,
          applicationId: upload.applicationId ?? null,
          impressionSequence: upload.impressionSequence === undefined ? null : BigInt(upload.impressionSequence),
          stagingKey: upload.stagingKey,
          createdBy: upload.createdBy,
          createdAt: upload.createdAt,
          expiresAt: upload.expiresAt,
          state: upload.state,
        },
      });
    } catch (error) {
      if ((error as { code?: string }).code === "P2002") throw alreadyExists(`upload ${upload.id} exists`, { cause: error });
      throw error;
    }
  }

  async findUpload(organisationId: string, uploadId: string): Promise<Upload | undefined> {
    const row = await this.prisma.mediaUpload.findFirst({ where: { id: uploadId, organisationId } });
    return row ? toUpload(row) : undefined;
  }

  async recordItem(item: MediaItem, quota: DeviceQuota | undefined, events: readonly MediaEvent[]): Promise<"recorded" | "quota-exceeded" | "not-pending"> {
    return this.prisma.$transaction(async (tx) => {
      // The state flip is the claim: of two racing completions exactly one sees count 1.
      const claimed = await tx.mediaUpload.updateMany({
        where: { id: item.id, organisationId: item.organisationId, state: "pending" },
        data: { state: "completed", completedAt: item.createdAt },
      });
      if (claimed.count !== 1) return "not-pending";
      if (quota) {
        await tx.$executeRaw`INSERT INTO device_usage (organisation_id, device_id, period, used_bytes) VALUES (${item.organisationId}, ${quota.deviceId}, ${quota.period}, 0) ON CONFLICT DO NOTHING`;
        // Row lock: concurrent completions for one device are counted one after another.
        const rows = await tx.$queryRaw<{ used_bytes: bigint }[]>`SELECT used_bytes FROM device_usage WHERE organisation_id = ${item.organisationId} AND device_id = ${quota.deviceId} AND period = ${quota.period} FOR UPDATE`;
        const used = rows[0]?.used_bytes ?? 0n;
        if (used + BigInt(item.size) > BigInt(quota.limitBytes)) throw new QuotaExceeded();
        await tx.deviceUsage.update({
          where: { organisationId_deviceId_period: { organisationId: item.organisationId, deviceId: quota.deviceId, period: quota.period } },
          data: { usedBytes: used + BigInt(item.size), updatedAt: item.createdAt },
        });
      }
      await tx.mediaItem.create({
        data: {
          id: item.id,
          organisationId: item.organisationId,
          kind: item.kind,
          contentType: item.contentType,
          size: BigInt(item.size),
          storedSize: BigInt(item.storedSize),
          sha256: item.sha256,
          ownerDeviceId: item.owner.deviceId ?? null,
          ownerUserId: item.owner.userId ?? null,
          applicationId: item.applicationId ?? null,
          impressionSequence: item.impressionSequence === undefined ? null : BigInt(item.impressionSequence),
          blobKey: item.blobKey,
          keyName: item.keyName,
          keyVersion: item.keyVersion,
          wrappedKey: item.wrappedKey,
          chunkBytes: item.chunkBytes,
          storedBy: item.storedBy,
          createdAt: item.createdAt,
        },
      });
      await this.#outbox(tx, events);
      return "recorded" as const;
    }).catch((error: unknown) => {
      // Thrown to roll the upload's state flip back; not an error of the call.
      if (error instanceof QuotaExceeded) return "quota-exceeded" as const;
      throw error;
    });
  }

  async findItem(organisationId: string, mediaId: string): Promise<MediaItem | undefined> {
    const row = await this.prisma.mediaItem.findFirst({ where: { id: mediaId, organisationId } });
    return row ? toItem(row) : undefined;
  }

  async deviceUsage(organisationId: string, deviceId: string, period: number): Promise<number> {
    const row = await this.prisma.deviceUsage.findUnique({ where: { organisationId_deviceId_period: { organisationId, deviceId, period } } });
    return row ? Number(row.usedBytes) : 0;
  }

  async recordAccess(access: MediaAccess, events: readonly MediaEvent[]): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.mediaAccess.create({
        data: { id: access.id, organisationId: access.organisationId, mediaId: access.mediaId, accessedBy: access.accessedBy, purpose: access.purpose, accessedAt: access.accessedAt },
      });
      await this.#outbox(tx, events);
    });
  }

  async listAccesses(organisationId: string, mediaId: string): Promise<MediaAccess[]> {
    const rows = await this.prisma.mediaAccess.findMany({ where: { organisationId, mediaId }, orderBy: [{ accessedAt: "asc" }, { id: "asc" }] });
    return rows.map((row) => ({ id: row.id, organisationId: row.organisationId, mediaId: row.mediaId, accessedBy: row.accessedBy, purpose: row.purpose === "verification" ? ("verification" as const) : ("download" as const), accessedAt: row.accessedAt }));
  }
}

class QuotaExceeded extends Error {}
