import type { IncomingHttpHeaders } from "node:http";
import type { Readable } from "node:stream";
import { Client, S3Error } from "minio";
import { failedPrecondition, invalidArgument, isYunxiError, notFound, unavailable, internal } from "../errors/errors.js";
import { BlobMeter, bodyStream, expectedLength } from "./blob-meter.js";
import {
  pageSizeOf,
  validateBlobKey,
  validateBlobPrefix,
  validateContentType,
  validateExpiry,
  validatePutOptions,
  type BlobContent,
  type BlobInfo,
  type BlobStore,
  type BlobSummary,
  type ListBlobsOptions,
  type PresignGetOptions,
  type PresignPutOptions,
  type PutBlobOptions,
  type StoredBlob,
} from "./blob-store.js";

export interface S3BlobStoreOptions {
  /** Server URL such as `http://minio.yunxi:9000` or `https://s3.eu-central-1.amazonaws.com`. */
  readonly endpoint: string;
  /** Signing region (default `us-east-1`, which MinIO accepts). Set it so presigning needs no round trip. */
  readonly region?: string;
  readonly bucket: string;
  readonly accessKey: string;
  /** Never logged. */
  readonly secretKey: string;
  /** Path-style URLs (`host/bucket/key`), which MinIO and most private S3 servers need (default true). */
  readonly pathStyle?: boolean;
  /** Largest blob accepted through `put` (default 5 GiB, S3's single-object ceiling for simple uploads). */
  readonly maxObjectBytes?: number;
  /** Bodies larger than this go up in parts of this size (default 16 MiB, at least 5 MiB); it bounds memory per upload. */
  readonly partSizeBytes?: number;
}

const DEFAULT_MAX_BYTES = 5 * 1024 ** 3;
/** S3's smallest part for every part but the last. */
const MIN_PART_BYTES = 5 * 1024 ** 2;
/** User metadata travels as `x-amz-meta-<name>` headers; the minio client strips the prefix when reading. */
const META_HEADER = "x-amz-meta-";
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * The cluster blob store: one bucket on MinIO or any S3-compatible server, through the `minio` client.
 * Bodies stream both ways; presigned URLs are S3's own (SigV4 query signing), so devices talk to the
 * object store directly and the services never proxy bulk bytes.
 */
export class S3BlobStore implements BlobStore {
  readonly #client: Client;
  readonly #bucket: string;
  readonly #region: string;
  readonly #maxBytes: number;
  readonly #where: string;
  readonly #partSize: number;

  constructor(options: S3BlobStoreOptions) {
    let url: URL;
    try {
      url = new URL(options.endpoint);
    } catch {
      throw invalidArgument("the S3 endpoint is not a URL", { violations: [{ field: "endpoint", message: "must be an absolute http(s) URL" }] });
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw invalidArgument("the S3 endpoint must be http or https", { violations: [{ field: "endpoint", message: "must be http(s)" }] });
    }
    if (!BUCKET_NAME.test(options.bucket ?? "")) {
      throw invalidArgument("invalid S3 bucket name", { violations: [{ field: "bucket", message: "must be 3-63 characters of a-z 0-9 . -" }] });
    }
    const maxBytes = options.maxObjectBytes ?? DEFAULT_MAX_BYTES;
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw invalidArgument("maxObjectBytes must be a positive whole number");
    const partSize = options.partSizeBytes ?? 16 * 1024 ** 2;
    if (!Number.isSafeInteger(partSize) || partSize < MIN_PART_BYTES) {
      throw invalidArgument(`partSizeBytes must be at least ${MIN_PART_BYTES}`, { violations: [{ field: "partSizeBytes", message: "S3 parts are at least 5 MiB" }] });
    }
    this.#partSize = partSize;
    this.#region = options.region ?? "us-east-1";
    this.#bucket = options.bucket;
    this.#maxBytes = maxBytes;
    this.#where = `${url.host}/${options.bucket}`;
    const useSSL = url.protocol === "https:";
    this.#client = new Client({
      endPoint: url.hostname,
      port: url.port ? Number(url.port) : useSSL ? 443 : 80,
      useSSL,
      region: this.#region,
      accessKey: options.accessKey,
      secretKey: options.secretKey,
      pathStyle: options.pathStyle ?? true,
      retryOptions: { maximumRetryCount: 2, baseDelayMs: 100, maximumDelayMs: 1000 },
    });
  }

  async ensureReady(): Promise<void> {
    await this.#call(async () => {
      if (await this.#client.bucketExists(this.#bucket)) return;
      try {
        await this.#client.makeBucket(this.#bucket, this.#region);
      } catch (error) {
        // Another replica may have created it between the check and the create.
        if (!(error instanceof S3Error && (error.code === "BucketAlreadyOwnedByYou" || error.code === "BucketAlreadyExists"))) throw error;
      }
    });
  }

  async put(key: string, body: Buffer | Readable, options: PutBlobOptions): Promise<StoredBlob> {
    validateBlobKey(key);
    validatePutOptions(options, this.#maxBytes);
    const meter = new BlobMeter({ maxBytes: this.#maxBytes, expectedBytes: expectedLength(body, options.contentLength) });
    const source = bodyStream(body);
    source.once("error", (error) => meter.destroy(error));
    source.pipe(meter);
    const headers: Record<string, string> = { "Content-Type": options.contentType };
    for (const [name, value] of Object.entries(options.metadata ?? {})) headers[`${META_HEADER}${name}`] = value;
    // Parts are uploaded as the body arrives, so memory stays at one part. The minio client's own streaming
    // upload cannot be used: it never settles when its source stream fails, and it resumes stale uploads.
    let uploadId: string | undefined;
    try {
      const etags: { part: number; etag: string }[] = [];
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flushPart = async (): Promise<void> => {
        uploadId ??= await this.#call(() => this.#client.initiateNewMultipartUpload(this.#bucket, key, headers), key);
        const id = uploadId;
        const part = Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
        const partNumber = etags.length + 1;
        const uploaded = await this.#call(
          () => this.#client.uploadPart({ bucketName: this.#bucket, objectName: key, uploadID: id, partNumber, headers: { "Content-Length": part.length } }, part),
          key,
        );
        etags.push({ part: partNumber, etag: uploaded.etag });
      };
      for await (const chunk of meter as AsyncIterable<Buffer>) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= this.#partSize) await flushPart();
      }
      const { size, sha256 } = meter.result();
      if (uploadId === undefined) {
        const whole = Buffer.concat(pending, pendingBytes);
        const uploaded = await this.#call(() => this.#client.putObject(this.#bucket, key, whole, whole.length, headers), key);
        return { key, size, sha256, ...(uploaded.etag ? { etag: uploaded.etag } : {}) };
      }
      if (pendingBytes > 0) await flushPart();
      const id = uploadId;
      const completed = await this.#call(() => this.#client.completeMultipartUpload(this.#bucket, key, id, etags), key);
      return { key, size, sha256, ...(completed.etag ? { etag: completed.etag } : {}) };
    } catch (error) {
      source.unpipe(meter);
      source.destroy();
      meter.destroy();
      const id = uploadId;
      if (id !== undefined) await this.#client.abortMultipartUpload(this.#bucket, key, id).catch(() => undefined);
      throw error;
    }
  }

  async get(key: string): Promise<BlobContent> {
    validateBlobKey(key);
    const body = await this.#call(() => this.#client.getObject(this.#bucket, key), key);
    // getObject resolves with the HTTP response itself, so size and type come from the same request as the bytes.
    const headers = (body as Readable & { headers?: IncomingHttpHeaders }).headers;
    if (!headers) {
      body.destroy();
      throw internal("the S3 client returned a body without headers");
    }
    const lastModified = headers["last-modified"];
    return {
      key,
      body,
      size: Number(headers["content-length"] ?? 0),
      contentType: headers["content-type"] ?? "application/octet-stream",
      metadata: metadataFromHeaders(headers),
      ...(headers.etag ? { etag: headers.etag.replaceAll('"', "") } : {}),
      ...(lastModified ? { lastModified: new Date(lastModified) } : {}),
    };
  }

  async head(key: string): Promise<BlobInfo> {
    validateBlobKey(key);
    const stat = await this.#call(() => this.#client.statObject(this.#bucket, key), key);
    const metadata: Record<string, string> = {};
    let contentType = "application/octet-stream";
    for (const [name, value] of Object.entries(stat.metaData)) {
      const lower = name.toLowerCase();
      if (lower === "content-type") contentType = String(value);
      // extractMetadata has already stripped x-amz-meta-; what still looks like a header is not user metadata.
      else if (!/^(content-|x-amz-|if-|cache-control$|expires$)/.test(lower)) metadata[lower] = String(value);
    }
    return { key, size: stat.size, contentType, metadata, etag: stat.etag, lastModified: stat.lastModified };
  }

  async delete(key: string): Promise<void> {
    validateBlobKey(key);
    // S3 answers 204 for a missing key too, which gives the idempotence the port promises.
    await this.#call(() => this.#client.removeObject(this.#bucket, key), key);
  }

  list(prefix: string, options?: ListBlobsOptions): AsyncIterable<BlobSummary> {
    validateBlobPrefix(prefix);
    const pageSize = pageSizeOf(options);
    return this.#pages(prefix, pageSize);
  }

  async *#pages(prefix: string, pageSize: number): AsyncGenerator<BlobSummary> {
    let token = "";
    for (;;) {
      const page = await this.#call(() => this.#client.listObjectsV2Query(this.#bucket, prefix, token, "", pageSize, ""));
      for (const item of page.objects) {
        if (item.name === undefined) continue;
        yield { key: item.name, size: item.size, ...(item.lastModified ? { lastModified: item.lastModified } : {}) };
      }
      if (!page.isTruncated || !page.nextContinuationToken) return;
      token = page.nextContinuationToken;
    }
  }

  async presignPut(key: string, options: PresignPutOptions): Promise<string> {
    validateBlobKey(key);
    validateExpiry(options?.expiresInSeconds);
    validateContentType(options.contentType);
    // SigV4 presigning signs only the host header, so the Content-Type is advisory here (see docs/storage.md).
    return this.#call(() => this.#client.presignedPutObject(this.#bucket, key, options.expiresInSeconds), key);
  }

  async presignGet(key: string, options: PresignGetOptions): Promise<string> {
    validateBlobKey(key);
    validateExpiry(options?.expiresInSeconds);
    return this.#call(() => this.#client.presignedGetObject(this.#bucket, key, options.expiresInSeconds), key);
  }

  /** Translates the client's errors into the platform vocabulary; the message names the server, never the keys. */
  async #call<T>(operation: () => Promise<T>, key?: string): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (isYunxiError(error)) throw error;
      if (error instanceof S3Error) {
        switch (error.code) {
          case "NoSuchKey":
          case "NotFound":
            throw notFound(key === undefined ? "blob not found" : `blob ${key} not found`, { cause: error });
          case "NoSuchBucket":
            throw failedPrecondition(`S3 bucket ${this.#where} does not exist; ensureReady() creates it`, { cause: error });
          case "EntityTooLarge":
            throw invalidArgument(`blob exceeds the size limit of the S3 server`, { cause: error });
          case "SlowDown":
          case "ServiceUnavailable":
          case "InternalError":
            throw unavailable(`S3 at ${this.#where} is unavailable (${error.code})`, { cause: error });
          default:
            throw internal(`S3 at ${this.#where} refused the request (${error.code ?? "unknown"})`, { cause: error });
        }
      }
      const code = (error as { code?: unknown } | null)?.code;
      if (typeof code === "string" && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE)$/.test(code)) {
        throw unavailable(`S3 at ${this.#where} is unreachable (${code})`, { cause: error });
      }
      throw error;
    }
  }
}

function metadataFromHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith(META_HEADER) && typeof value === "string") metadata[name.slice(META_HEADER.length)] = value;
  }
  return metadata;
}
