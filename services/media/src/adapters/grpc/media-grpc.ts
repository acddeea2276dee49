import { once } from "node:events";
import { loadPackageDefinition, type ServerWritableStream, type ServiceDefinition, type UntypedServiceImplementation } from "@grpc/grpc-js";
import type { PackageDefinition } from "@grpc/proto-loader";
import { contextFromMetadata, toServiceError, unary, type Logger } from "@yunxi/platform";
import { loadProtoDefinition } from "@yunxi/proto";
import { integrityError, type MediaService } from "../../app/media-service.js";
import type { MediaItem, MediaKind } from "../../domain/media.js";

export const MEDIA_PROTO = "yunxi/media/v1/media.proto";

/** The package definition and service definition of MediaService. */
export function mediaServiceDefinition(): { packageDefinition: PackageDefinition; service: ServiceDefinition } {
  const packageDefinition = loadProtoDefinition(MEDIA_PROTO);
  const loaded = loadPackageDefinition(packageDefinition) as unknown as { yunxi: { media: { v1: { MediaService: { service: ServiceDefinition } } } } };
  return { packageDefinition, service: loaded.yunxi.media.v1.MediaService.service };
}

const KIND_TO_PROTO: Record<MediaKind, string> = { photo: "MEDIA_KIND_PHOTO", video: "MEDIA_KIND_VIDEO", document: "MEDIA_KIND_DOCUMENT", audit_capture: "MEDIA_KIND_AUDIT_CAPTURE" };
const KIND_FROM_PROTO: Record<string, MediaKind | undefined> = Object.fromEntries(Object.entries(KIND_TO_PROTO).map(([k, v]) => [v, k as MediaKind]));

interface OwnerMessage {
  deviceId?: string;
  userId?: string;
  owner?: string;
}

interface CreateUploadMessage {
  kind: string;
  contentType: string;
  size: string;
  sha256: string;
  owner: OwnerMessage | null;
  applicationId: string;
  impressionSequence: string;
}

/** uint64 arrives as a decimal string (loader option longs: String); anything unsafe becomes NaN and fails validation. */
function toNumber(value: string | number | undefined): number {
  if (value === undefined || value === "") return 0;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : Number.NaN;
}

/** The MediaItem message (proto field names in camelCase as the loader maps them). */
export function mediaItemMessage(item: MediaItem): Record<string, unknown> {
  return {
    mediaId: item.id,
    organisationId: item.organisationId,
    kind: KIND_TO_PROTO[item.kind],
    contentType: item.contentType,
    size: String(item.size),
    storedSize: String(item.storedSize),
    sha256: item.sha256,
    owner: item.owner.deviceId !== undefined ? { deviceId: item.owner.deviceId } : { userId: item.owner.userId },
    applicationId: item.applicationId ?? "",
    impressionSequence: String(item.impressionSequence ?? 0),
    keyName: item.keyName,
    keyVersion: item.keyVersion,
    storedBy: item.storedBy,
    createdAt: item.createdAt.toISOString(),
  };
}

/** gRPC handlers translating MediaService calls to the use cases. */
export function makeMediaGrpc(service: MediaService, logger: Logger): UntypedServiceImplementation {
  return {
    CreateUpload: unary<CreateUploadMessage, unknown>(logger, async (request, context) => {
      const owner = request.owner ?? undefined;
      const sequence = toNumber(request.impressionSequence);
      const created = await service.createUpload(context, {
        kind: KIND_FROM_PROTO[request.kind] ?? request.kind,
        contentType: request.contentType,
        size: toNumber(request.size),
        sha256: request.sha256,
        ...(owner && (owner.deviceId || owner.userId) ? { owner: { ...(owner.deviceId ? { deviceId: owner.deviceId } : {}), ...(owner.userId ? { userId: owner.userId } : {}) } } : {}),
        ...(request.applicationId ? { applicationId: request.applicationId } : {}),
        ...(sequence !== 0 ? { impressionSequence: sequence } : {}),
      });
      return {
        uploadId: created.upload.id,
        uploadUrl: created.uploadUrl,
        contentType: created.upload.contentType,
        urlExpiresAt: created.urlExpiresAt.toISOString(),
        expiresAt: created.upload.expiresAt.toISOString(),
      };
    }),
    CompleteUpload: unary<{ uploadId: string }, unknown>(logger, async (request, context) => mediaItemMessage(await service.completeUpload(context, request.uploadId))),
    StoreDevicePhoto: unary<{ uploadToken: string; impressionSequence: string; contentType: string; sha256: string; data: Buffer }, unknown>(logger, async (request) =>
      mediaItemMessage(
        await service.storeDevicePhoto(request.uploadToken, {
          impressionSequence: toNumber(request.impressionSequence),
          contentType: request.contentType,
          sha256: request.sha256,
          data: request.data,
        }),
      ),
    ),
    GetMedia: unary<{ mediaId: string }, unknown>(logger, async (request, context) => mediaItemMessage(await service.getMedia(context, request.mediaId))),
    GetMediaContent: (call: ServerWritableStream<{ mediaId: string }, unknown>) => {
      const context = contextFromMetadata(call.metadata);
      void streamContent(service, logger, call, context);
    },
  };
}

async function streamContent(service: MediaService, logger: Logger, call: ServerWritableStream<{ mediaId: string }, unknown>, context: ReturnType<typeof contextFromMetadata>): Promise<void> {
  let body: NodeJS.ReadableStream & { destroy(error?: Error): void } | undefined;
  const stopOnCancel = () => body?.destroy();
  call.on("cancelled", stopOnCancel);
  try {
    const content = await service.openContent(context, call.request.mediaId);
    body = content.body;
    if (call.cancelled) {
      content.body.destroy();
      return;
    }
    call.write({ item: mediaItemMessage(content.item), data: Buffer.alloc(0) });
    for await (const chunk of content.body) {
      if (call.cancelled) break;
      // Respect the client's flow control: a slow reader must not make us buffer the whole video.
      if (!call.write({ data: chunk as Buffer })) await Promise.race([once(call, "drain"), once(call, "cancelled")]);
    }
    if (!call.cancelled) call.end();
  } catch (error) {
    if (call.cancelled) return;
    // Once bytes went out the status still tells the client the stream is incomplete.
    call.emit("error", toServiceError(integrityError(error), logger, context.requestId));
  } finally {
    call.off("cancelled", stopOnCancel);
  }
}
