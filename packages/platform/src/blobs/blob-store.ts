import type { Readable } from "node:stream";
import { invalidArgument } from "../errors/errors.js";

/**
 * The blob store port: photos, videos, documents and exports, addressed by a key.
 * Two implementations, checked by one contract suite (`blob-store.contract.ts`):
 * `LocalBlobStore` (a directory, embedded default) and `S3BlobStore` (MinIO or any S3).
 *
 * Keys are ASCII paths such as `org-1/photos/2024/abc.jpg`; see {@link validateBlobKey}.
 * Media encrypts before storing; this port stores bytes as given.
 */
export interface BlobStore {
  /** Creates the bucket or directory when missing. Idempotent; call once at startup. */
  ensureReady(): Promise<void>;
  /**
   * Stores a blob, replacing any blob under the same key. The body is streamed, never buffered whole,
   * and hashed on the way through. A body that disagrees with `contentLength` or exceeds the store's
   * size limit is InvalidArgument and leaves the previous blob (if any) in place.
   */
  put(key: string, body: Buffer | Readable, options: PutBlobOptions): Promise<StoredBlob>;
  /** Streams a blob. NotFound when the key holds nothing. */
  get(key: string): Promise<BlobContent>;
  /** Size, type and metadata without the body. NotFound when the key holds nothing. */
  head(key: string): Promise<BlobInfo>;
  /** Removes a blob; removing a missing key succeeds. */
  delete(key: string): Promise<void>;
  /**
   * Every blob whose key starts with `prefix`, each once, fetched a page at a time. No order is promised:
   * S3 and the local store list by key, but some S3-compatible servers (SeaweedFS) walk `/` as directories.
   */
  list(prefix: string, options?: ListBlobsOptions): AsyncIterable<BlobSummary>;
  /**
   * A URL a device or browser can PUT the body to with plain HTTP, valid for `expiresInSeconds`.
   * The uploader must send `Content-Type: <contentType>`.
   */
  presignPut(key: string, options: PresignPutOptions): Promise<string>;
  /** A URL a device or browser can GET the blob from with plain HTTP, valid for `expiresInSeconds`. */
  presignGet(key: string, options: PresignGetOptions): Promise<string>;
}

export interface PutBlobOptions {
  /** A MIME type such as `image/jpeg`. */
  readonly contentType: string;
  /** Small, caller-defined, non-secret facts about the blob; see {@link validateBlobMetadata}. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** The exact body length when known; a body of any other length is refused. */
  readonly contentLength?: number;
}

export interface StoredBlob {
  readonly key: string;
  readonly size: number;
  /** Lower-case hex SHA-256 of the body, computed while streaming. */
  readonly sha256: string;
  /** The store's entity tag, when it has one. */
  readonly etag?: string;
}

export interface BlobInfo {
  readonly key: string;
  readonly size: number;
  readonly contentType: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly etag?: string;
  readonly lastModified?: Date;
}

export interface BlobContent extends BlobInfo {
  /** The body; the caller must consume or destroy it. */
  readonly body: Readable;
}

export interface BlobSummary {
  readonly key: string;
  readonly size: number;
  readonly lastModified?: Date;
}

export interface ListBlobsOptions {
  /** Keys fetched per round trip (default 1000, at most 1000). */
  readonly pageSize?: number;
}

export interface PresignPutOptions {
  readonly expiresInSeconds: number;
  readonly contentType: string;
}

export interface PresignGetOptions {
  readonly expiresInSeconds: number;
}

/** Longest key accepted. S3 allows 1024 bytes; staying well below leaves room for filesystem paths. */
export const MAX_BLOB_KEY_LENGTH = 512;
/** Longest single path segment, so a segment plus the local store's suffix fits in a file name. */
export const MAX_BLOB_KEY_SEGMENT_LENGTH = 200;
/** S3 caps presigned URLs at seven days. */
export const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;
/** S3 caps user metadata at 2 KiB in total. */
export const MAX_BLOB_METADATA_BYTES = 2048;

// A conservative character set: safe in URLs, file names and S3 object names on every platform we ship to.
const KEY_CHARS = /^[A-Za-z0-9._=+@,/-]*$/;

/**
 * Throws InvalidArgument unless `key` is a relative ASCII path: segments of `A-Z a-z 0-9 . _ - = + @ ,`
 * separated by single `/`, no leading or trailing `/`, no `..` anywhere, no `.`-only segment, at most
 * {@link MAX_BLOB_KEY_LENGTH} characters.
 */
export function validateBlobKey(key: string, field = "key"): void {
  const problem = keyProblem(key, false);
  if (problem) throw invalidArgument(`invalid blob key: ${problem}`, { violations: [{ field, message: problem }] });
}

/** Like {@link validateBlobKey}, but empty is allowed and so is a trailing `/` or a partial last segment. */
export function validateBlobPrefix(prefix: string, field = "prefix"): void {
  const problem = keyProblem(prefix, true);
  if (problem) throw invalidArgument(`invalid blob prefix: ${problem}`, { violations: [{ field, message: problem }] });
}

function keyProblem(key: unknown, isPrefix: boolean): string | undefined {
  if (typeof key !== "string") return "must be a string";
  if (key.length === 0) return isPrefix ? undefined : "must not be empty";
  if (key.length > MAX_BLOB_KEY_LENGTH) return `must be at most ${MAX_BLOB_KEY_LENGTH} characters`;
  if (!KEY_CHARS.test(key)) return "may contain only A-Z a-z 0-9 . _ - = + @ , and /";
  if (key.startsWith("/")) return "must not start with /";
  if (key.includes("..")) return "must not contain ..";
  if (key.includes("//")) return "must not contain an empty segment";
  const segments = key.split("/");
  if (isPrefix && segments.at(-1) === "") segments.pop();
  else if (key.endsWith("/")) return "must not end with /";
  for (const segment of segments) {
    if (segment.length > MAX_BLOB_KEY_SEGMENT_LENGTH) return `segments must be at most ${MAX_BLOB_KEY_SEGMENT_LENGTH} characters`;
    // With ".." excluded above, "." is the only segment that a filesystem would resolve.
    if (segment === ".") return "must not contain a . segment";
  }
  return undefined;
}

const METADATA_KEY = /^[a-z0-9][a-z0-9-]{0,63}$/;
// Names S3 treats as headers rather than user metadata; allowing them would change meaning between stores.
const RESERVED_METADATA_KEY = /^(content-|x-amz-|if-|cache-control$|expires$)/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Throws InvalidArgument unless metadata is at most 2 KiB of lower-case keys (`[a-z0-9-]`, up to 64
 * characters, not `content-*`, `x-amz-*`, `if-*`, `cache-control`, `expires`) with printable ASCII values.
 * S3 carries metadata in HTTP headers, which is why both stores share these limits.
 */
export function validateBlobMetadata(metadata: unknown): void {
  if (metadata === undefined) return;
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
    throw invalidArgument("blob metadata must be an object of strings", { violations: [{ field: "metadata", message: "must be an object" }] });
  }
  let bytes = 0;
  for (const [name, value] of Object.entries(metadata)) {
    const field = `metadata.${name}`;
    if (!METADATA_KEY.test(name) || RESERVED_METADATA_KEY.test(name)) {
      throw invalidArgument(`invalid blob metadata name "${name}"`, {
        violations: [{ field, message: "must match [a-z0-9][a-z0-9-]{0,63} and not be a reserved header name" }],
      });
    }
    if (typeof value !== "string" || !PRINTABLE_ASCII.test(value)) {
      throw invalidArgument(`invalid blob metadata value for "${name}"`, { violations: [{ field, message: "must be printable ASCII" }] });
    }
    bytes += name.length + value.length;
  }
  if (bytes > MAX_BLOB_METADATA_BYTES) {
    throw invalidArgument("blob metadata is too large", { violations: [{ field: "metadata", message: `must total at most ${MAX_BLOB_METADATA_BYTES} bytes` }] });
  }
}

const CONTENT_TYPE = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+(\s*;[\x20-\x7e]*)?$/;

/** Throws InvalidArgument unless `contentType` looks like a MIME type (`type/subtype[; parameters]`). */
export function validateContentType(contentType: unknown, field = "contentType"): asserts contentType is string {
  if (typeof contentType !== "string" || contentType.length > 255 || !CONTENT_TYPE.test(contentType)) {
    throw invalidArgument("invalid content type", { violations: [{ field, message: "must be a MIME type such as image/jpeg" }] });
  }
}

/** Throws InvalidArgument unless `seconds` is a whole number from 1 to {@link MAX_PRESIGN_SECONDS}. */
export function validateExpiry(seconds: unknown, field = "expiresInSeconds"): asserts seconds is number {
  if (typeof seconds !== "number" || !Number.isInteger(seconds) || seconds < 1 || seconds > MAX_PRESIGN_SECONDS) {
    throw invalidArgument("invalid presigned URL lifetime", {
      violations: [{ field, message: `must be a whole number of seconds from 1 to ${MAX_PRESIGN_SECONDS}` }],
    });
  }
}

/** Validates everything `put` receives before any byte is read or written. */
export function validatePutOptions(options: PutBlobOptions, maxBytes: number): void {
  validateContentType(options?.contentType);
  validateBlobMetadata(options.metadata);
  const length = options.contentLength;
  if (length !== undefined && (!Number.isSafeInteger(length) || length < 0)) {
    throw invalidArgument("invalid content length", { violations: [{ field: "contentLength", message: "must be a whole number of bytes" }] });
  }
  if (length !== undefined && length > maxBytes) {
    throw invalidArgument(`blob exceeds the size limit of ${maxBytes} bytes`, {
      violations: [{ field: "contentLength", message: `must be at most ${maxBytes}` }],
    });
  }
}

/** Validates a page size for `list`; returns the default when absent. */
export function pageSizeOf(options: ListBlobsOptions | undefined): number {
  const size = options?.pageSize ?? 1000;
  if (!Number.isInteger(size) || size < 1 || size > 1000) {
    throw invalidArgument("invalid page size", { violations: [{ field: "pageSize", message: "must be a whole number from 1 to 1000" }] });
  }
  return size;
}
