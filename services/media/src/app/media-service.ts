import { createHash, randomBytes, randomUUID } from "node:crypto";
import { pipeline, Transform, type Readable } from "node:stream";
import {
  alreadyExists,
  authenticate,
  authenticateUserOrService,
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
  type DeviceUploadTokens,
  type Logger,
  type ServiceTokens,
  type TokenVerifier,
} from "@yunxi/platform";
import { ChunkedAeadError, createOpenStream, createSealStream, sealedSize } from "../domain/chunked-aead.js";
import {
  devicePhotoId,
  devicePhotoViolations,
  encryptionContextOf,
  fitsQuota,
  isOwner,
  quotaPeriodOf,
  stagingKeyFor,
  storedKeyFor,
  uploadViolations,
  type AccessPurpose,
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
  /** Checks the upload capabilities device-control puts in each Authorise command. */
  readonly deviceUploads: DeviceUploadTokens;
  /** Media's own identity towards key-management when no user is calling (device photos, internal reads). */
  readonly serviceTokens: ServiceTokens;
  /** Called after a transaction that appended events committed (e.g. `relay.nudge()`). */
  readonly afterEventsCommitted?: () => void;
}

/** Services whose background work may read media of the organisation it names (see authenticateUserOrService). */
export const MEDIA_READER_SERVICES: readonly string[] = ["ocr-verification"];

export interface DevicePhotoInput {
  readonly impressionSequence?: number;
  readonly contentType?: string;
  readonly sha256?: string;
  readonly data: Buffer;
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
  /**
   * A device's photo of one impression, authorised by the upload token of its authorisation: stored
   * encrypted like any upload. Idempotent per (device, impression sequence): the same bytes again return the
   * stored item (a device retrying after a dropped connection), different bytes are refused.
   */
  storeDevicePhoto(uploadToken: string, input: DevicePhotoInput): Promise<MediaItem>;
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

  const sizeMismatch = (upload: Upload) =>
    invalidArgument("the uploaded bytes do not match the declared size", { violations: [{ field: "size", message: `declared ${upload.size} bytes` }] });

  const quotaExceeded = (quota: DeviceQuota) =>
    resourceExhausted(`device ${quota.deviceId} has used its storage quota of ${quota.limitBytes} bytes for ${quota.period}`);

  const readableItem = async (caller: Caller, mediaId: string): Promise<MediaItem> => {
    const item = await repository.findItem(caller.organisationId, mediaId);
    if (!item) throw notFound(`media ${mediaId} not found`);
    if (!caller.permissions.has("records.read") && !isOwner(item, caller.userId)) throw permissionDenied("missing permission records.read");
    return item;
  };

  /** A reader: a user (scoped and permission-checked) or an internal service acting for one organisation. */
  const reader = async (context: CallContext, mediaId: string): Promise<{ item: MediaItem; readerId: string; purpose: AccessPurpose; keys: KeyCallContext }> => {
    const actor = await authenticateUserOrService(verifier, context, MEDIA_READER_SERVICES);
    requireId(mediaId, "mediaId");
    if (actor.kind === "user") return { item: await readableItem(actor.caller, mediaId), readerId: actor.caller.userId, purpose: "download", keys: keyContext(actor.caller, context) };
    const item = await repository.findItem(actor.organisationId, mediaId);
    if (!item) throw notFound(`media ${mediaId} not found`);
    return { item, readerId: `service:${actor.service.service}`, purpose: "verification", keys: await ownKeyContext(actor.organisationId, context.requestId) };
  };

  /** Media's own call context towards key-management, for work no user asked for. */
  const ownKeyContext = async (organisationId: string, requestId: string): Promise<KeyCallContext> => ({ requestId, organisationId, bearerToken: await deps.serviceTokens.token() });

  /** Encrypts a staged upload at rest, checks it against its declaration and records the item (one home for both ways in). */
  const finish = async (upload: Upload, storedBy: string, keyContext_: KeyCallContext): Promise<MediaItem> => {
    const now = clock.now();
    const encryptionContext = encryptionContextOf(upload.organisationId, upload.id);
    const dataKey = await keys.issue(keyContext_, encryptionContext);
    const storedKey = storedKeyFor(upload.organisationId, upload.id, now, randomBytes(6).toString("hex"));
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
        throw sizeMismatch(upload);
      }
      throw error;
    } finally {
      dataKey.plaintext.fill(0);
    }
    const measured = measure.result();
    if (measured.size !== upload.size || measured.sha256 !== upload.sha256) {
      await Promise.all([quietlyDelete(storedKey, "rejected ciphertext"), quietlyDelete(upload.stagingKey, "rejected staging object")]);
      if (measured.size !== upload.size) throw sizeMismatch(upload);
      throw invalidArgument("the uploaded bytes do not match the declared SHA-256", { violations: [{ field: "sha256", message: "differs from the SHA-256 of the uploaded bytes" }] });
    }

    const item: MediaItem = {
      id: upload.id,
      organisationId: upload.organisationId,
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
      storedBy,
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
      const winner = await repository.findItem(upload.organisationId, upload.id);
      if (!winner) throw failedPrecondition(`upload ${upload.id} is no longer pending`);
      return winner;
    }
    nudge();
    await quietlyDelete(upload.stagingKey, "staged plaintext");
    logger.info({ mediaId: item.id, organisationId: item.organisationId, kind: item.kind, size: item.size, keyVersion: item.keyVersion }, "media stored");
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
      if (staged.size !== upload.size) {
        await quietlyDelete(upload.stagingKey, "rejected staging object");
        throw sizeMismatch(upload);
      }
      try {
        await quotaFor(caller.organisationId, upload.owner, now, upload.size);
      } catch (error) {
        await quietlyDelete(upload.stagingKey, "refused staging object");
        throw error;
      }

      return finish(upload, caller.userId, keyContext(caller, context));
    },

    async storeDevicePhoto(uploadToken, input) {
      const grant = await deps.deviceUploads.verify(uploadToken);
      const violations = devicePhotoViolations({ ...input, size: input.data.length }, { maxBytes: settings.maxObjectBytes });
      if (violations.length > 0) throw invalidArgument("invalid device photo", { violations });
      const sha256 = input.sha256 as string;
      if (createHash("sha256").update(input.data).digest("hex") !== sha256) {
        throw invalidArgument("the photo does not match its SHA-256", { violations: [{ field: "sha256", message: "differs from the SHA-256 of the uploaded bytes" }] });
      }
      const sequence = input.impressionSequence as number;
      const id = devicePhotoId(grant.organisationId, grant.deviceId, sequence);
      const existing = await repository.findItem(grant.organisationId, id);
      if (existing) {
        if (existing.sha256 === sha256) return existing;
        throw alreadyExists(`device ${grant.deviceId} already stored a different photo for impression ${sequence}`);
      }
      const now = clock.now();
      const owner: MediaOwner = { deviceId: grant.deviceId };
      await quotaFor(grant.organisationId, owner, now, input.data.length);
      let upload = await repository.findUpload(grant.organisationId, id);
      if (upload && upload.sha256 !== sha256) throw alreadyExists(`device ${grant.deviceId} is storing a different photo for impression ${sequence}`);
      if (!upload) {
        upload = {
          id,
          organisationId: grant.organisationId,
          kind: "photo",
          contentType: input.contentType as string,
          size: input.data.length,
          sha256,
          owner,
          applicationId: grant.applicationId,
          impressionSequence: sequence,
          stagingKey: stagingKeyFor(grant.organisationId, id),
          createdBy: `device:${grant.deviceId}`,
          createdAt: now,
          expiresAt: new Date(now.getTime() + settings.uploadTtlSeconds * 1000),
          state: "pending",
        };
        try {
          await repository.createUpload(upload);
        } catch (error) {
          // A concurrent retry of the same photo registered it first; carry on with theirs.
          if (!isYunxiError(error, "AlreadyExists")) throw error;
          upload = await repository.findUpload(grant.organisationId, id);
          if (!upload) throw error;
        }
      }
      await blobs.put(upload.stagingKey, input.data, { contentType: upload.contentType });
      return finish(upload, `device:${grant.deviceId}`, await ownKeyContext(grant.organisationId, randomUUID()));
    },

    async getMedia(context, mediaId) {
      return (await reader(context, mediaId)).item;
    },

    async openContent(context, mediaId) {
      const { item, readerId, purpose, keys: readerKeys } = await reader(context, mediaId);
      const encryptionContext = encryptionContextOf(item.organisationId, item.id);
      const key = await keys.unwrap(readerKeys, item.keyName, item.wrappedKey, encryptionContext);
      let blob;
      try {
        blob = await blobs.get(item.blobKey);
      } catch (error) {
        key.fill(0);
        throw error;
      }
      // Recorded before the first byte leaves: a download that is not in the record never happens.
      const access: MediaAccess = { id: randomUUID(), organisationId: item.organisationId, mediaId: item.id, accessedBy: readerId, purpose, accessedAt: clock.now() };
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
