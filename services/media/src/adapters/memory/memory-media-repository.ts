import { alreadyExists } from "@yunxi/platform";
import type { DeviceQuota, MediaEvent, MediaRepository } from "../../app/ports.js";
import type { MediaAccess, MediaItem, Upload } from "../../domain/media.js";

/** The media repository in process memory: for use-case tests (checked by the same contract as Prisma's). */
export class MemoryMediaRepository implements MediaRepository {
  readonly uploads = new Map<string, Upload>();
  readonly items = new Map<string, MediaItem>();
  readonly usage = new Map<string, number>();
  readonly accesses: MediaAccess[] = [];
  readonly events: MediaEvent[] = [];

  async createUpload(upload: Upload): Promise<void> {
    if (this.uploads.has(upload.id)) throw alreadyExists(`upload ${upload.id} exists`);
    this.uploads.set(upload.id, upload);
  }

  async findUpload(organisationId: string, uploadId: string): Promise<Upload | undefined> {
    const upload = this.uploads.get(uploadId);
    return upload?.organisationId === organisationId ? upload : undefined;
  }

  async recordItem(item: MediaItem, quota: DeviceQuota | undefined, events: readonly MediaEvent[]): Promise<"recorded" | "quota-exceeded" | "not-pending"> {
    const upload = this.uploads.get(item.id);
    if (!upload || upload.organisationId !== item.organisationId || upload.state !== "pending") return "not-pending";
    if (quota) {
      const key = `${item.organisationId}|${quota.deviceId}|${quota.period}`;
      const used = this.usage.get(key) ?? 0;
      if (used + item.size > quota.limitBytes) return "quota-exceeded";
      this.usage.set(key, used + item.size);
    }
    this.uploads.set(item.id, { ...upload, state: "completed" });
    this.items.set(item.id, item);
    this.events.push(...events);
    return "recorded";
  }

  async findItem(organisationId: string, mediaId: string): Promise<MediaItem | undefined> {
    const item = this.items.get(mediaId);
    return item?.organisationId === organisationId ? item : undefined;
  }

  async deviceUsage(organisationId: string, deviceId: string, period: number): Promise<number> {
    return this.usage.get(`${organisationId}|${deviceId}|${period}`) ?? 0;
  }

  async recordAccess(access: MediaAccess, events: readonly MediaEvent[]): Promise<void> {
    if (!this.items.has(access.mediaId)) throw new Error(`no media ${access.mediaId}`);
    this.accesses.push(access);
    this.events.push(...events);
  }

  async listAccesses(organisationId: string, mediaId: string): Promise<MediaAccess[]> {
    return this.accesses.filter((a) => a.organisationId === organisationId && a.mediaId === mediaId);
  }
}
