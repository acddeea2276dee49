import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";

/**
 * The at-rest format of media objects (docs/media.md): a 16-byte header, then the plaintext cut into
 * chunks, each sealed with AES-256-GCM on its own, so any byte range can be produced or checked without
 * holding the object in memory, and no plaintext leaves a chunk before its tag is verified.
 *
 * ```
 * header  = "YXMC" | version 0x01 | chunk size (uint32 BE) | nonce prefix (7 random bytes)
 * nonce_i = nonce prefix | i (uint32 BE) | final flag (0x00, or 0x01 on the last chunk)
 * chunk_i = AES-256-GCM(data key, nonce_i, aad = header | context, plaintext_i) | tag (16)
 * ```
 * Every chunk but the last carries exactly `chunk size` plaintext bytes; the last carries 0..chunk size
 * (an empty object is one empty final chunk). Binding the index and the final flag into the nonce is the
 * STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár 2015): reordered, dropped, duplicated or
 * appended chunks and truncation at a chunk boundary all fail authentication.
 */
export const CHUNKED_AEAD_MAGIC = Buffer.from("YXMC", "ascii");
export const CHUNKED_AEAD_VERSION = 1;
export const CHUNKED_AEAD_HEADER_BYTES = 16;
export const CHUNKED_AEAD_TAG_BYTES = 16;
export const DEFAULT_CHUNK_BYTES = 64 * 1024;
/** Chunk sizes accepted on read; the writer's choice travels in the header. */
export const MIN_CHUNK_BYTES = 16;
export const MAX_CHUNK_BYTES = 16 * 1024 * 1024;
const MAX_CHUNKS = 2 ** 32;
const KEY_BYTES = 32;

/** Raised when a ciphertext is malformed or fails authentication; carries no detail that helps forgery. */
export class ChunkedAeadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChunkedAeadError";
  }
}

/** Size of the sealed form of `plaintextBytes` bytes, so a store can be told the exact length up front. */
export function sealedSize(plaintextBytes: number, chunkBytes = DEFAULT_CHUNK_BYTES): number {
  const chunks = Math.max(1, Math.ceil(plaintextBytes / chunkBytes));
  return CHUNKED_AEAD_HEADER_BYTES + plaintextBytes + chunks * CHUNKED_AEAD_TAG_BYTES;
}

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new ChunkedAeadError("the data key must be 32 bytes");
}

function nonceFor(prefix: Buffer, index: number, final: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  prefix.copy(nonce, 0, 0, 7);
  nonce.writeUInt32BE(index, 7);
  nonce[11] = final ? 1 : 0;
  return nonce;
}

function header(chunkBytes: number, noncePrefix: Buffer): Buffer {
  const out = Buffer.alloc(CHUNKED_AEAD_HEADER_BYTES);
  CHUNKED_AEAD_MAGIC.copy(out, 0);
  out[4] = CHUNKED_AEAD_VERSION;
  out.writeUInt32BE(chunkBytes, 5);
  noncePrefix.copy(out, 9, 0, 7);
  return out;
}

function takeBytes(parts: Buffer[], count: number): Buffer {
  const joined = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  const taken = joined.subarray(0, count);
  parts.length = 0;
  if (joined.length > count) parts.push(joined.subarray(count));
  return taken;
}

/** A Transform that seals a plaintext stream under `key`; `context` (e.g. organisation and media id) is bound to every chunk. */
export function createSealStream(key: Buffer, context: Buffer, options: { chunkBytes?: number } = {}): Transform {
  checkKey(key);
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  if (!Number.isInteger(chunkBytes) || chunkBytes < MIN_CHUNK_BYTES || chunkBytes > MAX_CHUNK_BYTES) {
    throw new ChunkedAeadError(`chunk size must be ${MIN_CHUNK_BYTES}..${MAX_CHUNK_BYTES} bytes`);
  }
  const dataKey = Buffer.from(key);
  const prefix = randomBytes(7);
  const head = header(chunkBytes, prefix);
  const aad = Buffer.concat([head, context]);
  const pending: Buffer[] = [];
  let pendingBytes = 0;
  let index = 0;
  const seal = (plaintext: Buffer, final: boolean): Buffer => {
    if (index >= MAX_CHUNKS) throw new ChunkedAeadError("object too large for the chunk counter");
    const cipher = createCipheriv("aes-256-gcm", dataKey, nonceFor(prefix, index, final));
    cipher.setAAD(aad);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    index += 1;
    return body;
  };
  return new Transform({
    construct(callback) {
      this.push(head);
      callback();
    },
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      try {
        pending.push(chunk);
        pendingBytes += chunk.length;
        // Hold back one full chunk: only the end of the input tells whether it is the final one.
        while (pendingBytes > chunkBytes) {
          this.push(seal(takeBytes(pending, chunkBytes), false));
          pendingBytes -= chunkBytes;
        }
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        this.push(seal(takeBytes(pending, pendingBytes), true));
        callback();
      } catch (error) {
        callback(error as Error);
      } finally {
        dataKey.fill(0);
      }
    },
    destroy(error, callback) {
      dataKey.fill(0);
      callback(error);
    },
  });
}

/**
 * A Transform that opens a sealed stream, emitting each chunk's plaintext only after its tag verified.
 * Fails with {@link ChunkedAeadError} on a bad header, a flipped bit, reordered or missing chunks,
 * truncation or trailing data; what was emitted before is authentic but the stream is incomplete.
 */
export function createOpenStream(key: Buffer, context: Buffer): Transform {
  checkKey(key);
  const dataKey = Buffer.from(key);
  const pending: Buffer[] = [];
  let pendingBytes = 0;
  let aad: Buffer | undefined;
  let prefix: Buffer | undefined;
  let segmentBytes = 0;
  let index = 0;
  const open = (segment: Buffer, final: boolean): Buffer => {
    if (!prefix || !aad) throw new ChunkedAeadError("missing header");
    if (index >= MAX_CHUNKS) throw new ChunkedAeadError("too many chunks");
    const decipher = createDecipheriv("aes-256-gcm", dataKey, nonceFor(prefix, index, final));
    decipher.setAAD(aad);
    decipher.setAuthTag(segment.subarray(segment.length - CHUNKED_AEAD_TAG_BYTES));
    try {
      const plaintext = Buffer.concat([decipher.update(segment.subarray(0, segment.length - CHUNKED_AEAD_TAG_BYTES)), decipher.final()]);
      index += 1;
      return plaintext;
    } catch {
      throw new ChunkedAeadError(`chunk ${index} failed authentication`);
    }
  };
  const readHeader = (): void => {
    const head = takeBytes(pending, CHUNKED_AEAD_HEADER_BYTES);
    pendingBytes -= CHUNKED_AEAD_HEADER_BYTES;
    if (!head.subarray(0, 4).equals(CHUNKED_AEAD_MAGIC)) throw new ChunkedAeadError("not a sealed media object");
    if (head[4] !== CHUNKED_AEAD_VERSION) throw new ChunkedAeadError(`unsupported format version ${head[4]}`);
    const chunkBytes = head.readUInt32BE(5);
    if (chunkBytes < MIN_CHUNK_BYTES || chunkBytes > MAX_CHUNK_BYTES) throw new ChunkedAeadError("invalid chunk size in header");
    segmentBytes = chunkBytes + CHUNKED_AEAD_TAG_BYTES;
    prefix = Buffer.from(head.subarray(9, 16));
    aad = Buffer.concat([head, context]);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      try {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (!aad && pendingBytes >= CHUNKED_AEAD_HEADER_BYTES) readHeader();
        // A full segment is known not to be the last only once a byte beyond it has arrived.
        while (aad && pendingBytes > segmentBytes) {
          this.push(open(takeBytes(pending, segmentBytes), false));
          pendingBytes -= segmentBytes;
        }
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        if (!aad) throw new ChunkedAeadError("truncated header");
        if (pendingBytes < CHUNKED_AEAD_TAG_BYTES) throw new ChunkedAeadError("truncated: the final chunk is missing");
        this.push(open(takeBytes(pending, pendingBytes), true));
        callback();
      } catch (error) {
        callback(error as Error);
      } finally {
        dataKey.fill(0);
      }
    },
    destroy(error, callback) {
      dataKey.fill(0);
      callback(error);
    },
  });
}
