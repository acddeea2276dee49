import { Readable } from "node:stream";
import type { Client, ClientReadableStream, ServiceError } from "@grpc/grpc-js";
import { callUnary, contextToMetadata, createGrpcClient, fromServiceError, internal, invalidArgument, kindOf, unauthenticated, unavailable, type FieldViolation } from "@yunxi/platform";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { grpcService, parseRequest, pathParam, type GatewayDeps, type GatewayRoutes } from "./route-module.js";

const MODULE = "media";
/** A download may be a long video over a slow link; the deadline only stops streams nobody reads. */
const CONTENT_DEADLINE_MS = 30 * 60 * 1000;

const mediaService = grpcService("yunxi/media/v1/media.proto", "yunxi.media.v1.MediaService");

/** Where devices PUT impression photos; authorised by the upload token of the Authorise command, not a user token. */
export const DEVICE_PHOTOS_PATH = "/api/v1/device-photos/";
const DEVICE_PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"];
/** A page photo is well under this; gRPC carries at most 16 MiB per message. */
const DEVICE_PHOTO_MAX_BYTES = 12 * 1024 * 1024;
const SEQUENCE = /^[1-9][0-9]{0,15}$/;

/** Tuning of the device photo upload route; the gateway module may set these from its configuration. */
export interface MediaRouteOptions {
  /**
   * Deadline of one device photo upload to media, in ms; default 30 000. Storing encrypts and writes
   * megabytes, and a fleet's burst of presses queues uploads behind each other: the 5 s of a lookup
   * answered most of a burst with 503 after media had done the work, so every retry paid twice.
   */
  readonly devicePhotoDeadlineMs?: number;
  /**
   * Uploads this gateway passes to media at once; default 32. One more is answered 503 with Retry-After
   * at once instead of queueing behind the others until its deadline (the device keeps the photo and retries).
   */
  readonly devicePhotoConcurrency?: number;
  /** Seconds a device is told to wait (Retry-After) before trying an upload answered 503; default 5. */
  readonly devicePhotoRetryAfterSeconds?: number;
}

export const DEFAULT_DEVICE_PHOTO_DEADLINE_MS = 30_000;
export const DEFAULT_DEVICE_PHOTO_CONCURRENCY = 32;
export const DEFAULT_DEVICE_PHOTO_RETRY_AFTER_SECONDS = 5;

function positiveWhole(value: number | undefined, fallback: number, field: string, violations: FieldViolation[]): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) violations.push({ field, message: "must be a whole number of at least 1" });
  return value;
}

const KINDS = { photo: "MEDIA_KIND_PHOTO", video: "MEDIA_KIND_VIDEO", document: "MEDIA_KIND_DOCUMENT", audit_capture: "MEDIA_KIND_AUDIT_CAPTURE" } as const;
const KIND_NAMES: Record<string, string> = Object.fromEntries(Object.entries(KINDS).map(([name, value]) => [value, name]));

// uint64 on the wire: whole, non-negative, and safe in JSON numbers.
const wholeNumber = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const createUploadBody = z.strictObject({
  kind: z.string(),
  contentType: z.string(),
  size: wholeNumber,
  sha256: z.string(),
  owner: z.strictObject({ deviceId: z.string().optional(), userId: z.string().optional() }).optional(),
  applicationId: z.string().optional(),
  impressionSequence: wholeNumber.optional(),
});

interface ItemMessage {
  mediaId: string;
  organisationId: string;
  kind: string;
  contentType: string;
  size: string;
  storedSize: string;
  sha256: string;
  owner: { deviceId?: string; userId?: string; owner?: string } | null;
  applicationId: string;
  impressionSequence: string;
  keyName: string;
  keyVersion: number;
  storedBy: string;
  createdAt: string;
}

/** The JSON shape of a media item: numbers as numbers, kind by name, absent optionals left out. */
function itemJson(item: ItemMessage): Record<string, unknown> {
  const owner = item.owner?.deviceId ? { deviceId: item.owner.deviceId } : { userId: item.owner?.userId ?? "" };
  const sequence = Number(item.impressionSequence);
  return {
    id: item.mediaId,
    organisationId: item.organisationId,
    kind: KIND_NAMES[item.kind] ?? item.kind,
    contentType: item.contentType,
    size: Number(item.size),
    storedSize: Number(item.storedSize),
    sha256: item.sha256,
    owner,
    ...(item.applicationId ? { applicationId: item.applicationId } : {}),
    ...(sequence > 0 ? { impressionSequence: sequence } : {}),
    keyName: item.keyName,
    keyVersion: item.keyVersion,
    storedBy: item.storedBy,
    createdAt: item.createdAt,
  };
}

const json = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });
const ERROR_TEXT: Record<string, string> = {
  "400": "invalid input, or the uploaded bytes differ from the declared size or SHA-256 (nothing is kept)",
  "401": "no or invalid access token",
  "403": "missing permission (device.manage or application.create to upload; records.read or ownership to read)",
  "404": "not found in the caller's organisation",
  "412": "nothing uploaded yet, or the upload expired",
  "429": "the device's storage quota for this year is used up (nothing is kept)",
};
const errors = (...codes: string[]) => Object.fromEntries(codes.map((code) => [code, { description: ERROR_TEXT[code] ?? "error", content: json("Error") }]));
const idParameter = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const tag = { tags: ["media"] };

/** REST routes of the media service: uploads by presigned URL, metadata, decrypted downloads. */
export function makeMediaRoutes(options: MediaRouteOptions = {}): GatewayRoutes {
  const violations: FieldViolation[] = [];
  const deadlineMs = positiveWhole(options.devicePhotoDeadlineMs, DEFAULT_DEVICE_PHOTO_DEADLINE_MS, "devicePhotoDeadlineMs", violations);
  const concurrency = positiveWhole(options.devicePhotoConcurrency, DEFAULT_DEVICE_PHOTO_CONCURRENCY, "devicePhotoConcurrency", violations);
  const retryAfterSeconds = positiveWhole(options.devicePhotoRetryAfterSeconds, DEFAULT_DEVICE_PHOTO_RETRY_AFTER_SECONDS, "devicePhotoRetryAfterSeconds", violations);
  if (violations.length > 0) throw invalidArgument("invalid media route options", { violations });
  return {
    name: MODULE,
    register(app, deps: GatewayDeps) {
      const call = <Res>(request: FastifyRequest, method: string, body: unknown) => deps.call<Res>(MODULE, mediaService(), method, body, deps.callContext(request));
      let photosInFlight = 0;
      // Also carries device photo uploads, whose deadline differs from the one `deps.call` gives every call.
      const streams = new Map<string, Client>();
      const streamingClient = (): Client => {
        const address = deps.peers.address(MODULE);
        let client = streams.get(address);
        if (!client) {
          client = createGrpcClient(mediaService(), { address });
          streams.set(address, client);
        }
        return client;
      };
      app.addHook("onClose", async () => {
        for (const client of streams.values()) client.close();
        streams.clear();
      });

      app.post("/api/v1/media/uploads", async (request, reply) => {
        const body = parseRequest(createUploadBody, request.body);
        const upload = await call<{ uploadId: string; uploadUrl: string; contentType: string; urlExpiresAt: string; expiresAt: string }>(request, "CreateUpload", {
          kind: KINDS[body.kind as keyof typeof KINDS] ?? "MEDIA_KIND_UNSPECIFIED",
          contentType: body.contentType,
          size: String(body.size),
          sha256: body.sha256,
          ...(body.owner ? { owner: body.owner } : {}),
          applicationId: body.applicationId ?? "",
          impressionSequence: String(body.impressionSequence ?? 0),
        });
        return reply.status(201).send({
          id: upload.uploadId,
          upload: { method: "PUT", url: upload.uploadUrl, headers: { "content-type": upload.contentType }, expiresAt: upload.urlExpiresAt },
          expiresAt: upload.expiresAt,
        });
      });

      app.addContentTypeParser(DEVICE_PHOTO_TYPES, { parseAs: "buffer", bodyLimit: DEVICE_PHOTO_MAX_BYTES }, (_request, body, done) => done(null, body));
      app.put(`${DEVICE_PHOTOS_PATH}:sequence`, { bodyLimit: DEVICE_PHOTO_MAX_BYTES }, async (request, reply) => {
        const { bearerToken, requestId } = deps.callContext(request);
        if (!bearerToken) throw unauthenticated("the upload token from the Authorise command is required (Authorization: Bearer …)");
        const sequence = pathParam(request, "sequence");
        const sha256 = request.headers["x-yunxi-sha256"];
        const violations: FieldViolation[] = [];
        if (!SEQUENCE.test(sequence)) violations.push({ field: "sequence", message: "must be the impression's sequence number" });
        if (typeof sha256 !== "string") violations.push({ field: "X-Yunxi-Sha256", message: "header required: SHA-256 of the body, 64 lower-case hex digits" });
        if (!Buffer.isBuffer(request.body)) violations.push({ field: "body", message: `must be the photo, Content-Type one of ${DEVICE_PHOTO_TYPES.join(", ")}` });
        if (violations.length > 0) throw invalidArgument("invalid device photo", { violations });
        const contentType = (request.headers["content-type"] ?? "").split(";")[0]?.trim() ?? "";
        if (photosInFlight >= concurrency) {
          void reply.header("retry-after", String(retryAfterSeconds));
          throw unavailable("too many photo uploads in progress; retry later");
        }
        photosInFlight++;
        let item: ItemMessage;
        try {
          // The token goes in the request, not as a bearer token: it is a device capability, never a user identity.
          item = await callUnary<unknown, ItemMessage>(streamingClient(), "StoreDevicePhoto", { uploadToken: bearerToken, impressionSequence: sequence, contentType, sha256, data: request.body }, { requestId }, deadlineMs);
        } catch (error) {
          // Media busy or its deadline passed: the device keeps the photo, and an idempotent retry is safe.
          if (kindOf(error) === "Unavailable") void reply.header("retry-after", String(retryAfterSeconds));
          throw error;
        } finally {
          photosInFlight--;
        }
        return reply.status(200).send(itemJson(item));
      });

      app.post("/api/v1/media/uploads/:id/complete", async (request) => itemJson(await call<ItemMessage>(request, "CompleteUpload", { uploadId: pathParam(request, "id") })));

      app.get("/api/v1/media/:id", async (request) => itemJson(await call<ItemMessage>(request, "GetMedia", { mediaId: pathParam(request, "id") })));

      app.get("/api/v1/media/:id/content", async (request, reply) => {
        const method = (streamingClient() as unknown as Record<string, (req: unknown, md: unknown, options: unknown) => ClientReadableStream<{ item: ItemMessage | null; data: Buffer }>>)["GetMediaContent"];
        if (!method) throw new Error("media client lacks GetMediaContent");
        const stream = method.call(streamingClient(), { mediaId: pathParam(request, "id") }, contextToMetadata(deps.callContext(request)), { deadline: new Date(Date.now() + CONTENT_DEADLINE_MS) });
        const messages = stream[Symbol.asyncIterator]() as AsyncIterator<{ item: ItemMessage | null; data: Buffer }>;
        const next = async () => {
          try {
            return await messages.next();
          } catch (error) {
            throw fromServiceError(error as ServiceError);
          }
        };
        // Headers wait for the first message: a refusal (404, 403) still becomes a proper JSON error.
        const first = await next();
        if (first.done || !first.value.item) throw internal("media stream ended before its header");
        const item = first.value.item;
        let finished = false;
        reply.raw.on("close", () => {
          // The client went away: stop decrypting for nobody.
          if (!finished) stream.cancel();
        });
        const body = Readable.from(
          (async function* () {
            if (first.value.data.length > 0) yield first.value.data;
            for (;;) {
              const message = await next();
              if (message.done) break;
              yield message.value.data;
            }
            finished = true;
          })(),
        );
        return reply
          .header("content-type", item.contentType)
          // A short body then tells the client the download broke (an integrity failure mid-stream aborts it).
          .header("content-length", item.size)
          .header("cache-control", "private, no-store")
          .header("x-content-type-options", "nosniff")
          .header("content-disposition", `attachment; filename="${item.mediaId}"`)
          .header("x-yunxi-sha256", item.sha256)
          .send(body);
      });
    },
    openApiPaths: {
      "/api/v1/media/uploads": {
        post: {
          ...tag,
          operationId: "createMediaUpload",
          summary: "Register an upload and get a presigned PUT URL (device.manage for a device's media, application.create for one's own)",
          requestBody: { required: true, content: json("CreateMediaUpload") },
          responses: { "201": { description: "upload registered; PUT the bytes to upload.url with upload.headers", content: json("MediaUpload") }, ...errors("400", "401", "403", "429") },
        },
      },
      "/api/v1/device-photos/{sequence}": {
        put: {
          ...tag,
          operationId: "storeDevicePhoto",
          summary: "A device uploads the photo of one impression (idempotent: the same bytes again return the same item)",
          description:
            "For devices, not users: `Authorization: Bearer <Authorise.upload_token>` from the signed Authorise command. The body is the photo; `X-Yunxi-Sha256` its SHA-256, which the Impression event carries as photo_ref. Stored encrypted like any upload.",
          security: [{ deviceUploadToken: [] }],
          parameters: [
            { name: "sequence", in: "path", required: true, description: "DeviceEvent.sequence of the impression", schema: { type: "integer", minimum: 1 } },
            { name: "X-Yunxi-Sha256", in: "header", required: true, schema: { type: "string", pattern: "^[0-9a-f]{64}$" } },
          ],
          requestBody: { required: true, content: Object.fromEntries(DEVICE_PHOTO_TYPES.map((type) => [type, { schema: { type: "string", format: "binary" } }])) },
          responses: {
            "200": { description: "stored (or already stored with the same bytes)", content: json("MediaItem") },
            "409": { description: "a different photo was already stored for this impression", content: json("Error") },
            "503": {
              description: "too many uploads in progress, or media did not answer in time: keep the photo and retry after Retry-After seconds",
              headers: { "Retry-After": { schema: { type: "integer", minimum: 1 } } },
              content: json("Error"),
            },
            ...errors("400", "401", "429"),
          },
        },
      },
      "/api/v1/media/uploads/{id}/complete": {
        post: {
          ...tag,
          operationId: "completeMediaUpload",
          summary: "Check the uploaded bytes against size and SHA-256, encrypt them at rest and record the item (repeating returns the same item)",
          parameters: [idParameter],
          responses: { "200": { description: "stored", content: json("MediaItem") }, ...errors("400", "401", "403", "404", "412", "429") },
        },
      },
      "/api/v1/media/{id}": {
        get: {
          ...tag,
          operationId: "getMedia",
          summary: "A media item's metadata (records.read, or its owner)",
          parameters: [idParameter],
          responses: { "200": { description: "the item", content: json("MediaItem") }, ...errors("400", "401", "403", "404") },
        },
      },
      "/api/v1/media/{id}/content": {
        get: {
          ...tag,
          operationId: "getMediaContent",
          summary: "The decrypted bytes, streamed; every download is recorded as evidence (records.read, or its owner)",
          parameters: [idParameter],
          responses: {
            "200": {
              description: "the original bytes; Content-Type as uploaded, X-Yunxi-Sha256 their digest",
              content: { "application/octet-stream": { schema: { type: "string", contentMediaType: "application/octet-stream" } } },
            },
            ...errors("400", "401", "403", "404"),
          },
        },
      },
    },
    openApiSchemas: {
      CreateMediaUpload: {
        type: "object",
        additionalProperties: false,
        required: ["kind", "contentType", "size", "sha256"],
        properties: {
          kind: { type: "string", enum: Object.keys(KINDS) },
          contentType: { type: "string", examples: ["image/jpeg"] },
          size: { type: "integer", minimum: 1, description: "exact plaintext size in bytes" },
          sha256: { type: "string", pattern: "^[0-9a-f]{64}$" },
          owner: {
            type: "object",
            additionalProperties: false,
            description: "exactly one; absent: the caller",
            properties: { deviceId: { type: "string" }, userId: { type: "string" } },
          },
          applicationId: { type: "string" },
          impressionSequence: { type: "integer", minimum: 1 },
        },
      },
      MediaUpload: {
        type: "object",
        required: ["id", "upload", "expiresAt"],
        properties: {
          id: { type: "string", format: "uuid" },
          upload: {
            type: "object",
            required: ["method", "url", "headers", "expiresAt"],
            properties: { method: { const: "PUT" }, url: { type: "string", format: "uri" }, headers: { type: "object", additionalProperties: { type: "string" } }, expiresAt: { type: "string", format: "date-time" } },
          },
          expiresAt: { type: "string", format: "date-time", description: "completion is refused after this" },
        },
      },
      MediaItem: {
        type: "object",
        required: ["id", "organisationId", "kind", "contentType", "size", "storedSize", "sha256", "owner", "keyName", "keyVersion", "storedBy", "createdAt"],
        properties: {
          id: { type: "string", format: "uuid" },
          organisationId: { type: "string" },
          kind: { type: "string", enum: Object.keys(KINDS) },
          contentType: { type: "string" },
          size: { type: "integer" },
          storedSize: { type: "integer", description: "bytes of ciphertext at rest" },
          sha256: { type: "string" },
          owner: { type: "object", properties: { deviceId: { type: "string" }, userId: { type: "string" } } },
          applicationId: { type: "string" },
          impressionSequence: { type: "integer" },
          keyName: { type: "string" },
          keyVersion: { type: "integer" },
          storedBy: { type: "string" },
          createdAt: { type: "string", format: "date-time" },
        },
      },
    },
  };
}

/** The media routes with their default tuning. */
export const mediaRoutes: GatewayRoutes = makeMediaRoutes();
