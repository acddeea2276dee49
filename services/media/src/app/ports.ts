import type { Readable } from "node:stream";
import type { MediaAccess, MediaItem, Upload } from "../domain/media.js";

/** What the service tells the rest of the platform (protobuf payloads in events.proto). */
export type MediaEvent = { readonly type: "MediaStored"; readonly item: MediaItem } | { readonly type: "MediaAccessed"; readonly access: MediaAccess };

/** The per-device, per-period storage allowance applied when an item is recorded. */
export interface DeviceQuota {
  readonly deviceId: string;
  readonly period: number;
  readonly limitBytes: number;
}

/** Persistence of uploads, items, device usage and access records; every read is scoped by organisation. */
export interface MediaRepository {
  createUpload(upload: Upload): Promise<void>;
  findUpload(organisationId: string, uploadId: string): Promise<Upload | undefined>;
  /**
   * In one transaction: marks the pending upload completed, counts the item against the device quota
   * (when given), records the item and appends its events. Returns `"quota-exceeded"` (and changes
   * nothing) when the item would not fit, `"not-pending"` when the upload was completed meanwhile.
   */
  recordItem(item: MediaItem, quota: DeviceQuota | undefined, events: readonly MediaEvent[]): Promise<"recorded" | "quota-exceeded" | "not-pending">;
  findItem(organisationId: string, mediaId: string): Promise<MediaItem | undefined>;
  /** Bytes counted for a device in a period (0 when none). */
  deviceUsage(organisationId: string, deviceId: string, period: number): Promise<number>;
  /** Records one access together with its event. */
  recordAccess(access: MediaAccess, events: readonly MediaEvent[]): Promise<void>;
  listAccesses(organisationId: string, mediaId: string): Promise<MediaAccess[]>;
}

/** Who asks key-management for keys: the caller's call, forwarded (token, organisation, request id). */
export interface KeyCallContext {
  readonly requestId: string;
  readonly organisationId: string;
  readonly bearerToken?: string;
}

export interface IssuedDataKey {
  /** 32 bytes; the caller erases it after use. */
  readonly plaintext: Buffer;
  readonly wrapped: string;
  readonly keyName: string;
  readonly keyVersion: number;
}

/** Envelope keys from key-management: a fresh data key per object, unwrapped again to read. */
export interface DataKeys {
  issue(context: KeyCallContext, encryptionContext: Buffer): Promise<IssuedDataKey>;
  unwrap(context: KeyCallContext, keyName: string, wrapped: string, encryptionContext: Buffer): Promise<Buffer>;
}

export interface Clock {
  now(): Date;
}

/** A readable of decrypted bytes plus the item it belongs to. */
export interface MediaContent {
  readonly item: MediaItem;
  readonly body: Readable;
}
