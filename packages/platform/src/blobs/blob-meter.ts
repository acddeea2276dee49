import { createHash, type Hash } from "node:crypto";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { invalidArgument } from "../errors/errors.js";

/**
 * A pass-through that hashes and counts the bytes of a blob body on their way to storage, and fails the
 * stream (so the store discards what it wrote) when the body runs past the size limit or its declared length.
 */
export class BlobMeter extends Transform {
  #hash: Hash = createHash("sha256");
  #size = 0;
  #sha256: string | undefined;

  constructor(
    private readonly limits: { readonly maxBytes: number; readonly expectedBytes?: number | undefined },
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#size += chunk.length;
    if (this.#size > this.limits.maxBytes) {
      callback(invalidArgument(`blob exceeds the size limit of ${this.limits.maxBytes} bytes`));
      return;
    }
    if (this.limits.expectedBytes !== undefined && this.#size > this.limits.expectedBytes) {
      callback(invalidArgument(`blob body is longer than its declared length of ${this.limits.expectedBytes} bytes`));
      return;
    }
    this.#hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.limits.expectedBytes !== undefined && this.#size !== this.limits.expectedBytes) {
      callback(invalidArgument(`blob body is shorter than its declared length of ${this.limits.expectedBytes} bytes`));
      return;
    }
    this.#sha256 = this.#hash.digest("hex");
    callback();
  }

  /** Size and hash; only valid once the stream has ended without error. */
  result(): { size: number; sha256: string } {
    if (this.#sha256 === undefined) throw new Error("BlobMeter.result() called before the body ended");
    return { size: this.#size, sha256: this.#sha256 };
  }
}

/** A Buffer becomes a one-chunk stream (Readable.from on a Buffer would iterate it byte by byte). */
export function bodyStream(body: Buffer | Readable): Readable {
  return Buffer.isBuffer(body) ? Readable.from([body]) : body;
}

/** The length a caller declared, or the Buffer's own; a Buffer that disagrees is refused before anything is written. */
export function expectedLength(body: Buffer | Readable, declared: number | undefined): number | undefined {
  if (!Buffer.isBuffer(body)) return declared;
  if (declared !== undefined && declared !== body.length) {
    throw invalidArgument(`blob body is ${body.length} bytes but contentLength says ${declared}`, {
      violations: [{ field: "contentLength", message: "must equal the body length" }],
    });
  }
  return body.length;
}
