import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm, unlink, type FileHandle } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  internal,
  invalidArgument,
  isYunxiError,
  kindOf,
  notFound,
  permissionDenied,
  httpStatusOf,
  publicMessage,
} from "../errors/errors.js";
import type { Logger } from "../logging/logger.js";
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

export interface LocalBlobStoreOptions {
  /** The service data directory; blobs live under `<dataDir>/blobs`. */
  readonly dataDir: string;
  /** Where devices and browsers reach the gateway, e.g. `https://yunxi.example.com`; URLs are `<base>/blobs/<key>?…`. */
  readonly publicBaseUrl: string;
  /** HMAC key for presigned URLs, at least 32 bytes. Never logged. */
  readonly signingSecret: string | Buffer;
  /** Largest blob accepted through `put` or a presigned PUT (default 2 GiB). */
  readonly maxObjectBytes?: number;
  readonly logger?: Logger;
  /** Seconds since the epoch; tests may pin it. */
  readonly now?: () => number;
}

/** Separates a key segment from the local store's own suffixes; `~` is not allowed in keys, so names never clash. */
const SUFFIX = "~";
const META_SUFFIX = `${SUFFIX}meta`;
const DEFAULT_MAX_BYTES = 2 * 1024 ** 3;
/** URL path under which the gateway mounts {@link LocalBlobStore.handleBlobHttpRequest}. */
export const LOCAL_BLOB_URL_PATH = "/blobs/";

interface Sidecar {
  readonly version: string;
  readonly size: number;
  readonly sha256: string;
  readonly contentType: string;
  readonly metadata: Record<string, string>;
  readonly lastModified: string;
}

/**
 * The embedded blob store: a directory tree under `<dataDir>/blobs/objects`, one data file per blob version
 * plus a JSON sidecar that names the current version. Writing the sidecar (temp file, fsync, rename) is the
 * commit point, so readers see the old blob or the new one, never a torn one, and a crash leaves at worst an
 * unreferenced data file. Presigned URLs are HMAC-signed and served by {@link handleBlobHttpRequest}.
 */
export class LocalBlobStore implements BlobStore {
  readonly #root: string;
  readonly #objects: string;
  readonly #tmp: string;
  readonly #baseUrl: string;
  readonly #secret: Buffer;
  readonly #maxBytes: number;
  readonly #logger: Logger | undefined;
  readonly #now: () => number;

  constructor(options: LocalBlobStoreOptions) {
    const secret = Buffer.isBuffer(options.signingSecret) ? options.signingSecret : Buffer.from(options.signingSecret ?? "", "utf8");
    if (secret.length < 32) throw invalidArgument("the blob signing secret must be at least 32 bytes", { violations: [{ field: "signingSecret", message: "too short" }] });
    let base: URL;
    try {
      base = new URL(options.publicBaseUrl);
    } catch {
      throw invalidArgument("the blob public base URL is not a URL", { violations: [{ field: "publicBaseUrl", message: "must be an absolute http(s) URL" }] });
    }
    if (base.protocol !== "http:" && base.protocol !== "https:") {
      throw invalidArgument("the blob public base URL must be http or https", { violations: [{ field: "publicBaseUrl", message: "must be http(s)" }] });
    }
    const maxBytes = options.maxObjectBytes ?? DEFAULT_MAX_BYTES;
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw invalidArgument("maxObjectBytes must be a positive whole number");
    this.#root = join(options.dataDir, "blobs");
    this.#objects = join(this.#root, "objects");
    this.#tmp = join(this.#root, "tmp");
    this.#baseUrl = `${base.origin}${base.pathname.replace(/\/+$/, "")}`;
    this.#secret = Buffer.from(secret);
    this.#maxBytes = maxBytes;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => Math.floor(Date.now() / 1000));
  }

  async ensureReady(): Promise<void> {
    await mkdir(this.#objects, { recursive: true, mode: 0o700 });
    await mkdir(this.#tmp, { recursive: true, mode: 0o700 });
  }

  async put(key: string, body: Buffer | Readable, options: PutBlobOptions): Promise<StoredBlob> {
    validateBlobKey(key);
    validatePutOptions(options, this.#maxBytes);
    const meter = new BlobMeter({ maxBytes: this.#maxBytes, expectedBytes: expectedLength(body, options.contentLength) });
    await this.ensureReady();
    const { dir, segment } = this.#locate(key);
    const version = randomUUID();
    const tmpData = join(this.#tmp, `${version}.data`);
    const tmpMeta = join(this.#tmp, `${version}.meta`);
    try {
      const handle = await open(tmpData, "wx", 0o600);
      try {
        await pipeline(bodyStream(body), meter, async (chunks: AsyncIterable<Buffer>) => {
          for await (const chunk of chunks) await writeAll(handle, chunk);
        });
        await handle.sync();
      } finally {
        await handle.close();
      }
      const { size, sha256 } = meter.result();
      const sidecar: Sidecar = {
        version,
        size,
        sha256,
        contentType: options.contentType,
        metadata: { ...options.metadata },
        lastModified: new Date().toISOString(),
      };
      await writeDurably(tmpMeta, JSON.stringify(sidecar));
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const previous = await this.#readSidecar(dir, segment);
      await rename(tmpData, join(dir, `${segment}${SUFFIX}${version}`));
      await rename(tmpMeta, join(dir, `${segment}${META_SUFFIX}`));
      await syncDirectory(dir);
      if (previous) await unlinkQuietly(join(dir, `${segment}${SUFFIX}${previous.version}`));
      return { key, size, sha256, etag: sha256 };
    } catch (error) {
      await unlinkQuietly(tmpData);
      await unlinkQuietly(tmpMeta);
      throw error;
    }
  }

  async get(key: string): Promise<BlobContent> {
    validateBlobKey(key);
    const { dir, segment } = this.#locate(key);
    // A concurrent put may replace the version between reading the sidecar and opening its data file.
    for (let attempt = 0; attempt < 5; attempt++) {
      const sidecar = await this.#readSidecar(dir, segment);
      if (!sidecar) break;
      let handle: FileHandle;
      try {
        handle = await open(join(dir, `${segment}${SUFFIX}${sidecar.version}`), "r");
      } catch (error) {
        if (isCode(error, "ENOENT")) continue;
        throw error;
      }
      return { ...infoOf(key, sidecar), body: handle.createReadStream() };
    }
    throw notFound(`blob ${key} not found`);
  }

  async head(key: string): Promise<BlobInfo> {
    validateBlobKey(key);
    const { dir, segment } = this.#locate(key);
    const sidecar = await this.#readSidecar(dir, segment);
    if (!sidecar) throw notFound(`blob ${key} not found`);
    return infoOf(key, sidecar);
  }

  async delete(key: string): Promise<void> {
    validateBlobKey(key);
    const { dir, segment } = this.#locate(key);
    const sidecar = await this.#readSidecar(dir, segment);
    if (!sidecar) return;
    await unlinkQuietly(join(dir, `${segment}${META_SUFFIX}`));
    await unlinkQuietly(join(dir, `${segment}${SUFFIX}${sidecar.version}`));
  }

  list(prefix: string, options?: ListBlobsOptions): AsyncIterable<BlobSummary> {
    validateBlobPrefix(prefix);
    pageSizeOf(options);
    const slash = prefix.lastIndexOf("/");
    const startDir = slash < 0 ? "" : prefix.slice(0, slash);
    const namePrefix = prefix.slice(slash + 1);
    return this.#walk(startDir, namePrefix);
  }

  /**
   * Yields keys in the same order S3 lists them (ascending by key). A directory `a` holds keys `a/…`, so it
   * sorts as `a/` among its siblings; no sibling name contains `/`, which makes the walk order the key order.
   */
  async *#walk(relativeDir: string, namePrefix: string): AsyncGenerator<BlobSummary> {
    const dir = relativeDir === "" ? this.#objects : join(this.#objects, ...relativeDir.split("/"));
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if (isCode(error, "ENOENT") || isCode(error, "ENOTDIR")) return;
      throw error;
    }
    const entries: { sortKey: string; name: string; isDir: boolean }[] = [];
    for (const name of names) {
      const tilde = name.indexOf(SUFFIX);
      if (tilde < 0) entries.push({ sortKey: `${name}/`, name, isDir: true });
      else if (name.endsWith(META_SUFFIX) && tilde === name.length - META_SUFFIX.length) {
        entries.push({ sortKey: name.slice(0, tilde), name: name.slice(0, tilde), isDir: false });
      }
    }
    entries.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
    for (const entry of entries) {
      if (!entry.name.startsWith(namePrefix)) continue;
      const key = relativeDir === "" ? entry.name : `${relativeDir}/${entry.name}`;
      if (entry.isDir) {
        yield* this.#walk(key, "");
        continue;
      }
      const sidecar = await this.#readSidecar(dir, entry.name);
      if (sidecar) yield { key, size: sidecar.size, lastModified: new Date(sidecar.lastModified) };
    }
  }

  async presignPut(key: string, options: PresignPutOptions): Promise<string> {
    validateBlobKey(key);
    validateExpiry(options?.expiresInSeconds);
    validateContentType(options.contentType);
    return this.#presign("PUT", key, this.#now() + options.expiresInSeconds, options.contentType);
  }

  async presignGet(key: string, options: PresignGetOptions): Promise<string> {
    validateBlobKey(key);
    validateExpiry(options?.expiresInSeconds);
    return this.#presign("GET", key, this.#now() + options.expiresInSeconds, "");
  }

  #presign(method: "GET" | "PUT", key: string, expires: number, contentType: string): string {
    const query = new URLSearchParams({ method, expires: String(expires) });
    if (method === "PUT") query.set("contentType", contentType);
    query.set("signature", this.#sign(method, key, expires, contentType));
    return `${this.#baseUrl}${LOCAL_BLOB_URL_PATH}${encodeKey(key)}?${query.toString()}`;
  }

  #sign(method: string, key: string, expires: number, contentType: string): string {
    return createHmac("sha256", this.#secret).update(`yunxi-blob-v1\n${method}\n${key}\n${expires}\n${contentType}`).digest("base64url");
  }

  /**
   * Serves presigned URLs: mount at `/blobs/` on a plain `node:http` server (the gateway does). Checks the
   * signature, then the expiry, then the method; streams bodies both ways; enforces the size limit.
   * Responds with the error table's HTTP status (403 for a bad or expired URL) and never throws.
   */
  readonly handleBlobHttpRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const { key, method, contentType } = this.#authorise(req);
      if (method === "PUT") await this.#servePut(key, contentType, req, res);
      else await this.#serveGet(key, req, res);
    } catch (error) {
      this.#respondError(req, res, error);
    }
  };

  #authorise(req: IncomingMessage): { key: string; method: "GET" | "PUT"; contentType: string } {
    const url = new URL(req.url ?? "/", "http://blob.invalid");
    if (!url.pathname.startsWith(LOCAL_BLOB_URL_PATH)) throw notFound("no such blob URL");
    let key: string;
    try {
      key = url.pathname.slice(LOCAL_BLOB_URL_PATH.length).split("/").map(decodeURIComponent).join("/");
    } catch {
      throw invalidArgument("malformed blob URL");
    }
    validateBlobKey(key);
    const method = url.searchParams.get("method");
    const expiresText = url.searchParams.get("expires") ?? "";
    const contentType = method === "PUT" ? (url.searchParams.get("contentType") ?? "") : "";
    const given = Buffer.from(url.searchParams.get("signature") ?? "", "utf8");
    if ((method !== "GET" && method !== "PUT") || !/^\d{1,12}$/.test(expiresText)) throw permissionDenied("invalid presigned URL");
    const expected = Buffer.from(this.#sign(method, key, Number(expiresText), contentType), "utf8");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw permissionDenied("invalid presigned URL signature");
    if (Number(expiresText) < this.#now()) throw permissionDenied("presigned URL has expired");
    const allowed = method === "GET" ? ["GET", "HEAD"] : ["PUT"];
    if (!allowed.includes(req.method ?? "")) throw permissionDenied(`this presigned URL allows ${method} only`);
    if (method === "PUT") {
      const sent = (req.headers["content-type"] ?? "").trim();
      if (sent !== contentType) throw permissionDenied(`this presigned URL requires Content-Type: ${contentType}`);
    }
    return { key, method, contentType };
  }

  async #servePut(key: string, contentType: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const lengthHeader = req.headers["content-length"];
    let contentLength: number | undefined;
    if (lengthHeader !== undefined) {
      if (!/^\d{1,16}$/.test(lengthHeader)) throw invalidArgument("invalid Content-Length");
      contentLength = Number(lengthHeader);
    }
    const stored = await this.put(key, req, {
      contentType,
      ...(contentLength === undefined ? {} : { contentLength }),
    });
    this.#logger?.info({ key, size: stored.size }, "blob uploaded through presigned URL");
    res.writeHead(200, { ETag: `"${stored.etag ?? stored.sha256}"`, "Content-Length": "0" });
    res.end();
  }

  async #serveGet(key: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const blob = await this.get(key);
    res.writeHead(200, {
      "Content-Type": blob.contentType,
      "Content-Length": String(blob.size),
      ETag: `"${blob.etag ?? ""}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    });
    if (req.method === "HEAD") {
      blob.body.destroy();
      res.end();
      return;
    }
    await pipeline(blob.body, res);
  }

  #respondError(req: IncomingMessage, res: ServerResponse, error: unknown): void {
    if (!isYunxiError(error)) this.#logger?.error({ err: error, url: req.url?.split("?")[0] }, "blob request failed");
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const body = JSON.stringify({ error: { kind: kindOf(error), message: publicMessage(error) } });
    // Close the connection: an unread upload body cannot be left on a kept-alive socket.
    res.writeHead(httpStatusOf(error), { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(body)), Connection: "close" });
    res.end(body);
  }

  #locate(key: string): { dir: string; segment: string } {
    const segments = key.split("/");
    const segment = segments.pop() ?? "";
    return { dir: join(this.#objects, ...segments), segment };
  }

  async #readSidecar(dir: string, segment: string): Promise<Sidecar | undefined> {
    let text: string;
    try {
      text = await readFile(join(dir, `${segment}${META_SUFFIX}`), "utf8");
    } catch (error) {
      if (isCode(error, "ENOENT") || isCode(error, "ENOTDIR")) return undefined;
      throw error;
    }
    try {
      return JSON.parse(text) as Sidecar;
    } catch (error) {
      throw internal("blob sidecar is unreadable", { cause: error });
    }
  }
}

function infoOf(key: string, sidecar: Sidecar): BlobInfo {
  return {
    key,
    size: sidecar.size,
    contentType: sidecar.contentType,
    metadata: { ...sidecar.metadata },
    etag: sidecar.sha256,
    lastModified: new Date(sidecar.lastModified),
  };
}

function encodeKey(key: string): string {
  return key.split("/").map(encodeURIComponent).join("/");
}

async function writeAll(handle: FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset);
    offset += bytesWritten;
  }
}

async function writeDurably(path: string, text: string): Promise<void> {
  const handle = await open(path, "wx", 0o600);
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes the renames themselves durable; without it a power cut can forget a committed blob. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function unlinkQuietly(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (!isCode(error, "ENOENT")) throw error;
  }
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === code;
}

/** Removes the whole `<dataDir>/blobs` tree; for tests. */
export async function removeLocalBlobs(dataDir: string): Promise<void> {
  await rm(join(dataDir, "blobs"), { recursive: true, force: true });
}
