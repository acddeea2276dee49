import { createHash, randomBytes, randomUUID } from "node:crypto";
import { pipeline, Transform, type Readable } from "node:stream";
import {
  authenticate,
  failedPrecondition,
  internal,
  invalidArgument,
  isYunxiError,
  notFound,
  permissionDenied,
  resourceExhausted,
  type BlobStore,
  type CallContext,
  type Caller,
  type Logger,
  type TokenVerifier,
} from "@yunxi/platform";
import { ChunkedAeadError, createOpenStream, createSealStream, sealedSize } from "../domain/chunked-aead.js";
import {
  encryptionContextOf,
  fitsQuota,
  isOwner,
  quotaPeriodOf,
  stagingKeyFor,
  storedKeyFor,
  uploadViolations,
  type MediaAccess,
  type MediaItem,
  type MediaKind,
  type MediaOwner,
  type Upload,
} from "../domain/media.js";
import type { Clock, DataKeys, DeviceQuota, KeyCallContext, MediaContent, MediaRepository } from "./ports.js";

export interface MediaSettings {
  /** Bytes one device may store per calendar year (counted on completion). */
  readonly deviceQuotaBytes: number;
  readonly maxObjectBytes: number;
  /** Lifetime of the presigned PUT URL. */
  readonly uploadUrlSeconds: number;
  /** How long an upload may stay pending before completion is refused. */
  readonly uploadTtlSeconds: number;
  readonly chunkBytes: number;
}

export interface MediaServiceDeps {
  readonly repository: MediaRepository;
  readonly blobs: BlobStore;
  readonly keys: DataKeys;
  readonly verifier: TokenVerifier;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: MediaSettings;
  /** Called after a transaction that appended events committed (e.g. `relay.nudge()`). */
  readonly afterEventsCommitted?: () => void;
}

export interface CreateUploadInput {
  readonly kind?: string;
  readonly contentType?: string;
  readonly size?: number;
  readonly sha256?: string;
  readonly owner?: { readonly deviceId?: string; readonly userId?: string };
  readonly applicationId?: string;
  readonly impressionSequence?: number;
}

export interface CreatedUpload {
  readonly upload: Upload;
  readonly uploadUrl: string;
  readonly urlExpiresAt: Date;
}

export interface MediaService {
  createUpload(context: CallContext, input: CreateUploadInput): Promise<CreatedUpload>;
  completeUpload(context: CallContext, uploadId: string): Promise<MediaItem>;
  getMedia(context: CallContext, mediaId: string): Promise<MediaItem>;
  /** Records the access, then streams the decrypted bytes; plaintext is never written anywhere. */
  openContent(context: CallContext, mediaId: string): Promise<MediaContent>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function requireId(value: unknown, field: string): string {
  if (typeof value !== "string" || !UUID.test(value)) throw invalidArgument(`${field} must be a UUID`, { violations: [{ field, message: "must be a lower-case UUID" }] });
  return value;
}

function canUpload(caller: Caller): boolean {
  return caller.permissions.has("device.manage") || caller.permissions.has("application.create");
}

function keyContext(caller: Caller, context: CallContext): KeyCallContext {
  return { requestId: caller.requestId, organisationId: caller.organisationId, ...(context.bearerToken ? { bearerToken: context.bearerToken } : {}) };
}

/** Counts and hashes the plaintext on its way into the seal, so the digest checked is of exactly the bytes encrypted. */
function measuring(): { stream: Transform; result: () => { size: number; sha256: string } } {
  const hash = createHash("sha256");
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  return { stream, result: () => ({ size, sha256: hash.digest("hex") }) };
}

/** The media use cases: upload, completion with encryption at rest, metadata, download. */
export function makeMediaService(deps: MediaServiceDeps): MediaService {
  const { repository, blobs, keys, verifier, clock, logger, settings } = deps;
  const nudge = deps.afterEventsCommitted ?? (() => undefined);

  const quietlyDelete = async (key: string, what: string): Promise<void> => {
    try {
      await blobs.delete(key);
    } catch (error) {
      // A leftover is swept later; failing the caller's request over it would hide the real outcome.
      logger.warn({ key, what, err: error instanceof Error ? error.message : String(error) }, "media blob cleanup failed");
    }
  };

  const quotaFor = async (organisationId: string, owner: MediaOwner, now: Date, bytes: number): Promise<DeviceQuota | undefined> => {
    if (owner.deviceId === undefined) return undefined;
    const quota = { deviceId: owner.deviceId, period: quotaPeriodOf(now), limitBytes: settings.deviceQuotaBytes };
    const used = await repository.deviceUsage(organisationId, owner.deviceId, quota.period);
    if (!fitsQuota(used, bytes, quota.limitBytes)) throw quotaExceeded(quota);
    return quota;
  };

  const quotaExceeded = (quota: DeviceQuota) =>
    resourceExhausted(`device ${quota.deviceId} has used its storage quota of ${quota.limitBytes} bytes for ${quota.period}`);

  const readableItem = async (caller: Caller, mediaId: string): Promise<MediaItem> => {
    const item = await repository.findItem(caller.organisationId, mediaId);
    if (!item) throw notFound(`media ${mediaId} not found`);
    if (!caller.permissions.has("records.read") && !isOwner(item, caller.userId)) throw permissionDenied("missing permission records.read");
    return item;
  };

  return {
    async createUpload(context, input) {
      const caller = await authenticate(verifier, context);
      if (!canUpload(caller)) throw permissionDenied("missing permission device.manage or application.create");
      const owner = input.owner && (input.owner.deviceId || input.owner.userId) ? input.owner : { userId: caller.userId };
      const declaration = { ...input, owner, kind: input.kind as MediaKind };
      const violations = uploadViolations(declaration, { maxBytes: settings.maxObjectBytes });
      if (violations.length > 0) throw invalidArgument("invalid upload", { violations });
      const typedOwner = owner as MediaOwner;
      if (typedOwner.deviceId !== undefined && !caller.permissions.has("device.manage")) throw permissionDenied("uploading for a device needs device.manage");
      if (typedOwner.userId !== undefined && typedOwner.userId !== caller.userId) throw permissionDenied("a user uploads only as the owner");
      const now = clock.now();
      const size = input.size as number;
      // Fail early and cheaply; the binding check happens again when the item is recorded.
      await quotaFor(caller.organisationId, typedOwner, now, size);
      const id = randomUUID();
      const upload: Upload = {
        id,
        organisationId: caller.organisationId,
        kind: declaration.kind,
        contentType: input.contentType as string,
        size,
        sha256: input.sha256 as string,
        owner: typedOwner,
        ...(input.applicationId !== undefined ? { applicationId: input.applicationId } : {}),
        ...(input.impressionSequence !== undefined ? { impressionSequence: input.impressionSequence } : {}),
        stagingKey: stagingKeyFor(caller.organisationId, id),
        createdBy: caller.userId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + settings.uploadTtlSeconds * 1000),
        state: "pending",
      };
      const uploadUrl = await blobs.presignPut(upload.stagingKey, { expiresInSeconds: settings.uploadUrlSeconds, contentType: upload.contentType });
      await repository.createUpload(upload);
      logger.info({ uploadId: id, organisationId: caller.organisationId, kind: upload.kind, size }, "media upload created");
      return { upload, uploadUrl, urlExpiresAt: new Date(now.getTime() + settings.uploadUrlSeconds * 1000) };
    },

    async completeUpload(context, uploadId) {
      const caller = await authenticate(verifier, context);
      if (!canUpload(caller)) throw permissionDenied("missing permission device.manage or application.create");
      requireId(uploadId, "uploadId");
      const upload = await repository.findUpload(caller.organisationId, uploadId);
      if (!upload) throw notFound(`upload ${uploadId} not found`);
      if (upload.createdBy !== caller.userId && !caller.permissions.has("device.manage")) throw permissionDenied("only the uploader completes an upload");
      if (upload.state === "completed") {
        const item = await repository.findItem(caller.organisationId, uploadId);
        if (item) return item;
        throw internal(`upload ${uploadId} is completed but has no item`);
      }
      const now = clock.now();
      if (now.getTime() > upload.expiresAt.getTime()) {
        await quietlyDelete(upload.stagingKey, "expired staging object");
        throw failedPrecondition(`upload ${uploadId} expired at ${upload.expiresAt.toISOString()}`);
      }
      let staged;
      try {
        staged = await blobs.head(upload.stagingKey);
      } catch (error) {
        if (isYunxiError(error, "NotFound")) throw failedPrecondition(`nothing was uploaded for ${uploadId} yet`);
        throw error;
      }
      const sizeMismatch = () =>
        invalidArgument("the uploaded bytes do not match the declared size", { violations: [{ field: "size", message: `declared ${upload.size} bytes` }] });
      if (staged.size !== upload.size) {
        await quietlyDelete(upload.stagingKey, "rejected staging object");
        throw sizeMismatch();
      }
      try {
        await quotaFor(caller.organisationId, upload.owner, now, upload.size);
      } catch (error) {
        await quietlyDelete(upload.stagingKey, "refused staging object");
        throw error;
      }

      const encryptionContext = encryptionContextOf(caller.organisationId, upload.id);
      const dataKey = await keys.issue(keyContext(caller, context), encryptionContext);
      const storedKey = storedKeyFor(caller.organisationId, upload.id, now, randomBytes(6).toString("hex"));
      const measure = measuring();
      let stored;
      let sealed: Readable | undefined;
      try {
        const source = await blobs.get(upload.stagingKey);
        sealed = pipeline(source.body, measure.stream, createSealStream(dataKey.plaintext, encryptionContext, { chunkBytes: settings.chunkBytes }), () => undefined);
        stored = await blobs.put(storedKey, sealed, {
          contentType: "application/octet-stream",
          contentLength: sealedSize(upload.size, settings.chunkBytes),
          metadata: { "yunxi-format": "chunked-aead-v1", "media-id": upload.id, "key-name": dataKey.keyName, "key-version": String(dataKey.keyVersion), "wrapped-key": dataKey.wrapped },
        });
      } catch (error) {
        sealed?.destroy();
        await quietlyDelete(storedKey, "partial ciphertext");
        const measured = measure.result();
        if (isYunxiError(error, "InvalidArgument") && measured.size !== upload.size) {
          await quietlyDelete(upload.stagingKey, "rejected staging object");
          throw sizeMismatch();
        }
        throw error;
      } finally {
        dataKey.plaintext.fill(0);
      }
      const measured = measure.result();
      if (measured.size !== upload.size || measured.sha256 !== upload.sha256) {
        await Promise.all([quietlyDelete(storedKey, "rejected ciphertext"), quietlyDelete(upload.stagingKey, "rejected staging object")]);
        if (measured.size !== upload.size) throw sizeMismatch();
        throw invalidArgument("the uploaded bytes do not match the declared SHA-256", { violations: [{ field: "sha256", message: "differs from the SHA-256 of the uploaded bytes" }] });
      }

      const item: MediaItem = {
        id: upload.id,
        organisationId: caller.organisationId,
        kind: upload.kind,
        contentType: upload.contentType,
        size: upload.size,
        storedSize: stored.size,
        sha256: measured.sha256,
        owner: upload.owner,
        ...(upload.applicationId !== undefined ? { applicationId: upload.applicationId } : {}),
        ...(upload.impressionSequence !== undefined ? { impressionSequence: upload.impressionSequence } : {}),
        blobKey: storedKey,
        keyName: dataKey.keyName,
        keyVersion: dataKey.keyVersion,
        wrappedKey: dataKey.wrapped,
        chunkBytes: settings.chunkBytes,
        storedBy: caller.userId,
        createdAt: now,
      };
      const quota = upload.owner.deviceId !== undefined ? { deviceId: upload.owner.deviceId, period: quotaPeriodOf(now), limitBytes: settings.deviceQuotaBytes } : undefined;
      const outcome = await repository.recordItem(item, quota, [{ type: "MediaStored", item }]);
      if (outcome === "quota-exceeded") {
        await Promise.all([quietlyDelete(storedKey, "refused ciphertext"), quietlyDelete(upload.stagingKey, "refused staging object")]);
        throw quotaExceeded(quota as DeviceQuota);
      }
      if (outcome === "not-pending") {
        // Another completion of the same upload won the race; its object and record stand.
        await quietlyDelete(storedKey, "duplicate ciphertext");
        const winner = await repository.findItem(caller.organisationId, upload.id);
        if (!winner) throw failedPrecondition(`upload ${uploadId} is no longer pending`);
        return winner;
      }
      nudge();
      await quietlyDelete(upload.stagingKey, "staged plaintext");
      logger.info({ mediaId: item.id, organisationId: item.organisationId, kind: item.kind, size: item.size, keyVersion: item.keyVersion }, "media stored");
      return item;
    },

    async getMedia(context, mediaId) {
      const caller = await authenticate(verifier, context);
      requireId(mediaId, "mediaId");
      return readableItem(caller, mediaId);
    },

    async openContent(context, mediaId) {
      const caller = await authenticate(verifier, context);
      requireId(mediaId, "mediaId");
      const item = await readableItem(caller, mediaId);
      const encryptionContext = encryptionContextOf(item.organisationId, item.id);
      const key = await keys.unwrap(keyContext(caller, context), item.keyName, item.wrappedKey, encryptionContext);
      let blob;
      try {
        blob = await blobs.get(item.blobKey);
      } catch (error) {
        key.fill(0);
        throw error;
      }
      // Recorded before the first byte leaves: a download that is not in the record never happens.
      const access: MediaAccess = { id: randomUUID(), organisationId: item.organisationId, mediaId: item.id, accessedBy: caller.userId, purpose: "download", accessedAt: clock.now() };
      try {
        await repository.recordAccess(access, [{ type: "MediaAccessed", access }]);
      } catch (error) {
        key.fill(0);
        blob.body.destroy();
        throw error;
      }
      nudge();
      const opened = createOpenStream(key, encryptionContext);
      key.fill(0);
      const body: Readable = pipeline(blob.body, opened, (error) => {
        if (error && !(error instanceof ChunkedAeadError)) logger.warn({ mediaId: item.id, err: error.message }, "media download stream ended early");
      });
      logger.info({ mediaId: item.id, organisationId: item.organisationId, accessId: access.id }, "media accessed");
      return { item, body };
    },
  };
}

/** Maps a failure of the at-rest format to the error vocabulary (details stay in the log). */
export function integrityError(error: unknown): unknown {
  return error instanceof ChunkedAeadError ? internal("stored media failed its integrity check", { cause: error }) : error;
}
