import { createHash } from "node:crypto";
import type { FieldViolation } from "@yunxi/platform";

export const MEDIA_KINDS = ["photo", "video", "document", "audit_capture"] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** Exactly one of a device or a user of the organisation owns a media item. */
export type MediaOwner = { readonly deviceId: string; readonly userId?: undefined } | { readonly userId: string; readonly deviceId?: undefined };

/** What an uploader declares before sending bytes; checked again against the bytes on completion. */
export interface UploadDeclaration {
  readonly kind: MediaKind;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
  readonly owner: MediaOwner;
  readonly applicationId?: string;
  readonly impressionSequence?: number;
}

export type UploadState = "pending" | "completed";

export interface Upload extends UploadDeclaration {
  readonly id: string;
  readonly organisationId: string;
  readonly stagingKey: string;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly state: UploadState;
}

export interface MediaItem {
  /** Equal to the id of the upload it came from: one upload yields at most one item. */
  readonly id: string;
  readonly organisationId: string;
  readonly kind: MediaKind;
  readonly contentType: string;
  readonly size: number;
  readonly storedSize: number;
  readonly sha256: string;
  readonly owner: MediaOwner;
  readonly applicationId?: string;
  readonly impressionSequence?: number;
  readonly blobKey: string;
  readonly keyName: string;
  readonly keyVersion: number;
  /** The data key wrapped by key-management (`yunxi:v1:…`); useless without key-management. */
  readonly wrappedKey: string;
  /** Chunk size of the at-rest format, recorded for exports and size checks. */
  readonly chunkBytes: number;
  readonly storedBy: string;
  readonly createdAt: Date;
}

export const ACCESS_PURPOSES = ["download", "verification"] as const;
export type AccessPurpose = (typeof ACCESS_PURPOSES)[number];

export interface MediaAccess {
  readonly id: string;
  readonly organisationId: string;
  readonly mediaId: string;
  readonly accessedBy: string;
  /** `download` by a user; `verification` by an internal service (OCR reading a photo). */
  readonly purpose: AccessPurpose;
  readonly accessedAt: Date;
}

export interface UploadLimits {
  readonly maxBytes: number;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const CONTENT_TYPE = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+(\s*;[\x20-\x7e]*)?$/;
// Ids of other services travel in blob keys and logs; keep them to a plain, bounded alphabet.
const FOREIGN_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Every problem with a declaration at once (empty when it is acceptable). */
export function uploadViolations(declaration: Partial<Omit<UploadDeclaration, "owner">> & { readonly owner?: { readonly deviceId?: string; readonly userId?: string } }, limits: UploadLimits): FieldViolation[] {
  const violations: FieldViolation[] = [];
  if (!declaration.kind || !(MEDIA_KINDS as readonly string[]).includes(declaration.kind)) {
    violations.push({ field: "kind", message: `must be one of ${MEDIA_KINDS.join(", ")}` });
  }
  if (typeof declaration.contentType !== "string" || declaration.contentType.length > 255 || !CONTENT_TYPE.test(declaration.contentType)) {
    violations.push({ field: "contentType", message: "must be a MIME type such as image/jpeg" });
  }
  const size = declaration.size;
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 1) {
    violations.push({ field: "size", message: "must be a whole number of bytes, at least 1" });
  } else if (size > limits.maxBytes) {
    violations.push({ field: "size", message: `must be at most ${limits.maxBytes} bytes` });
  }
  if (typeof declaration.sha256 !== "string" || !SHA256_HEX.test(declaration.sha256)) {
    violations.push({ field: "sha256", message: "must be 64 lower-case hex characters" });
  }
  const owner = declaration.owner;
  const hasDevice = typeof owner?.deviceId === "string" && owner.deviceId !== "";
  const hasUser = typeof owner?.userId === "string" && owner.userId !== "";
  if (hasDevice === hasUser) violations.push({ field: "owner", message: "must name exactly one of a device or a user" });
  else if (hasDevice && !FOREIGN_ID.test(owner?.deviceId ?? "")) violations.push({ field: "owner.deviceId", message: "must be 1-128 characters of A-Z a-z 0-9 . _ : -" });
  else if (hasUser && !FOREIGN_ID.test(owner?.userId ?? "")) violations.push({ field: "owner.userId", message: "must be 1-128 characters of A-Z a-z 0-9 . _ : -" });
  if (declaration.applicationId !== undefined && !FOREIGN_ID.test(declaration.applicationId)) {
    violations.push({ field: "applicationId", message: "must be 1-128 characters of A-Z a-z 0-9 . _ : -" });
  }
  const sequence = declaration.impressionSequence;
  if (sequence !== undefined && (!Number.isSafeInteger(sequence) || sequence < 1)) {
    violations.push({ field: "impressionSequence", message: "must be a positive whole number" });
  }
  return violations;
}

/** Staging objects hold plaintext briefly; a prefix of their own makes leftovers easy to find and sweep. */
export function stagingKeyFor(organisationId: string, uploadId: string): string {
  return `media-staging/${organisationId}/${uploadId}`;
}

/**
 * Where the ciphertext lives. The random suffix means two racing completions of one upload never write
 * the same object: the loser deletes its own copy and the winner's stays consistent with its record.
 */
export function storedKeyFor(organisationId: string, mediaId: string, createdAt: Date, suffix: string): string {
  return `media/${organisationId}/${createdAt.getUTCFullYear()}/${mediaId}-${suffix}`;
}

/** The quota period an item counts against: the UTC calendar year it was stored in. */
export function quotaPeriodOf(date: Date): number {
  return date.getUTCFullYear();
}

/** True when adding `bytes` keeps the device within `limit` for the period. */
export function fitsQuota(usedBytes: number, bytes: number, limit: number): boolean {
  return usedBytes + bytes <= limit;
}

/** Context bound into the wrapped data key and every chunk, so a ciphertext cannot be moved to another item. */
export function encryptionContextOf(organisationId: string, mediaId: string): Buffer {
  return Buffer.from(`yunxi-media|${organisationId}|${mediaId}`, "utf8");
}

/** May this user read the item without records.read? Only its owner. */
export function isOwner(item: Pick<MediaItem, "owner">, userId: string): boolean {
  return item.owner.userId !== undefined && item.owner.userId === userId;
}

/** Image types a device may upload as an impression photo. */
export const DEVICE_PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;

/** Every problem with a device's photo upload at once (empty when acceptable). */
export function devicePhotoViolations(
  photo: { readonly impressionSequence?: number; readonly contentType?: string; readonly sha256?: string; readonly size: number },
  limits: UploadLimits,
): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const sequence = photo.impressionSequence;
  if (sequence === undefined || !Number.isSafeInteger(sequence) || sequence < 1) violations.push({ field: "impressionSequence", message: "must be the impression's positive sequence number" });
  if (!(DEVICE_PHOTO_TYPES as readonly string[]).includes(photo.contentType ?? "")) violations.push({ field: "contentType", message: `must be one of ${DEVICE_PHOTO_TYPES.join(", ")}` });
  if (typeof photo.sha256 !== "string" || !SHA256_HEX.test(photo.sha256)) violations.push({ field: "sha256", message: "must be 64 lower-case hex characters" });
  if (photo.size < 1) violations.push({ field: "data", message: "must not be empty" });
  else if (photo.size > limits.maxBytes) violations.push({ field: "data", message: `must be at most ${limits.maxBytes} bytes` });
  return violations;
}

/**
 * The media id of a device's photo of one impression: derived, not random, so a retried upload lands on the
 * same upload and item (nothing doubled), whichever attempt got through first.
 */
export function devicePhotoId(organisationId: string, deviceId: string, impressionSequence: number): string {
  const hex = createHash("sha256").update(`yunxi-device-photo|${organisationId}|${deviceId}|${impressionSequence}`).digest("hex");
  // RFC 9562 version 8 (custom) with the RFC variant bits: a valid UUID whose bits are all ours.
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16).padStart(2, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
