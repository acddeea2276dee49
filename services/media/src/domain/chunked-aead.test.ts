import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { describe, it } from "node:test";
import { CHUNKED_AEAD_HEADER_BYTES, CHUNKED_AEAD_TAG_BYTES, ChunkedAeadError, createOpenStream, createSealStream, sealedSize } from "./chunked-aead.js";

const CHUNK = 64;
const SEGMENT = CHUNK + CHUNKED_AEAD_TAG_BYTES;
const key = randomBytes(32);
const context = Buffer.from("yunxi-media|org-1|item-1");

/** Feeds `data` in irregular pieces, as a network would. */
function pieces(data: Buffer, sizes = [1, 7, 64, 100, 3]): Readable {
  const parts: Buffer[] = [];
  for (let offset = 0, i = 0; offset < data.length; i += 1) {
    const size = sizes[i % sizes.length] ?? 1;
    parts.push(data.subarray(offset, offset + size));
    offset += size;
  }
  return Readable.from(parts);
}

const seal = (plaintext: Buffer, k = key, ctx = context) => buffer(pieces(plaintext).pipe(createSealStream(k, ctx, { chunkBytes: CHUNK })));
const open = (sealed: Buffer, k = key, ctx = context) => buffer(pieces(sealed).pipe(createOpenStream(k, ctx)));
const fails = (error: unknown) => error instanceof ChunkedAeadError;

describe("chunked AEAD at-rest format", () => {
  it("round-trips every boundary case and predicts the sealed size", async () => {
    for (const size of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 5, 1000]) {
      const plaintext = randomBytes(size);
      const sealed = await seal(plaintext);
      assert.equal(sealed.length, sealedSize(size, CHUNK), `size ${size}`);
      assert.deepEqual(await open(sealed), plaintext, `size ${size}`);
    }
  });

  it("produces ciphertext that does not contain the plaintext and differs per encryption", async () => {
    const plaintext = Buffer.alloc(500, "A");
    const one = await seal(plaintext);
    const two = await seal(plaintext);
    assert.equal(one.includes(Buffer.alloc(32, "A")), false);
    assert.notDeepEqual(one, two);
  });

  it("detects a flipped bit anywhere: header, body, tag", async () => {
    const sealed = await seal(randomBytes(3 * CHUNK + 10));
    for (const position of [0, 5, 10, CHUNKED_AEAD_HEADER_BYTES, CHUNKED_AEAD_HEADER_BYTES + SEGMENT + 3, sealed.length - 1]) {
      const tampered = Buffer.from(sealed);
      tampered[position] = (tampered[position] ?? 0) ^ 0x01;
      await assert.rejects(open(tampered), fails, `bit at ${position}`);
    }
  });

  it("detects reordered chunks", async () => {
    const sealed = await seal(randomBytes(3 * CHUNK + 10));
    const h = CHUNKED_AEAD_HEADER_BYTES;
    const swapped = Buffer.concat([sealed.subarray(0, h), sealed.subarray(h + SEGMENT, h + 2 * SEGMENT), sealed.subarray(h, h + SEGMENT), sealed.subarray(h + 2 * SEGMENT)]);
    assert.equal(swapped.length, sealed.length);
    await assert.rejects(open(swapped), fails);
  });

  it("detects truncation at a chunk boundary, inside a chunk, and inside the header", async () => {
    const sealed = await seal(randomBytes(3 * CHUNK));
    const h = CHUNKED_AEAD_HEADER_BYTES;
    await assert.rejects(open(sealed.subarray(0, h + 2 * SEGMENT)), fails, "boundary");
    await assert.rejects(open(sealed.subarray(0, h + SEGMENT + 20)), fails, "inside a chunk");
    await assert.rejects(open(sealed.subarray(0, h + 5)), fails, "only a tail of a tag");
    await assert.rejects(open(sealed.subarray(0, h)), fails, "header only");
    await assert.rejects(open(sealed.subarray(0, 10)), fails, "inside the header");
  });

  it("detects dropped and duplicated chunks and trailing data", async () => {
    const sealed = await seal(randomBytes(3 * CHUNK + 1));
    const h = CHUNKED_AEAD_HEADER_BYTES;
    const dropped = Buffer.concat([sealed.subarray(0, h + SEGMENT), sealed.subarray(h + 2 * SEGMENT)]);
    await assert.rejects(open(dropped), fails, "dropped");
    const duplicated = Buffer.concat([sealed.subarray(0, h + SEGMENT), sealed.subarray(h, h + SEGMENT), sealed.subarray(h + SEGMENT)]);
    await assert.rejects(open(duplicated), fails, "duplicated");
    await assert.rejects(open(Buffer.concat([sealed, Buffer.alloc(1)])), fails, "one byte appended");
    await assert.rejects(open(Buffer.concat([sealed, sealed.subarray(h, h + SEGMENT)])), fails, "a chunk appended");
  });

  it("refuses another key or another context (a ciphertext cannot be moved to another item)", async () => {
    const sealed = await seal(randomBytes(100));
    await assert.rejects(open(sealed, randomBytes(32)), fails);
    await assert.rejects(open(sealed, key, Buffer.from("yunxi-media|org-1|item-2")), fails);
  });

  it("never emits a chunk's plaintext before its tag verified", async () => {
    const plaintext = randomBytes(4 * CHUNK);
    const sealed = await seal(plaintext);
    const tampered = Buffer.from(sealed);
    const lastByteOfSecondTag = CHUNKED_AEAD_HEADER_BYTES + 2 * SEGMENT - 1;
    tampered[lastByteOfSecondTag] = (tampered[lastByteOfSecondTag] ?? 0) ^ 0x80;
    const emitted: Buffer[] = [];
    const stream = pieces(tampered, [SEGMENT]).pipe(createOpenStream(key, context));
    await assert.rejects(async () => {
      for await (const chunk of stream) emitted.push(chunk as Buffer);
    }, fails);
    // Whatever came out is the verified first chunk (or less), never bytes of the tampered second one.
    const out = Buffer.concat(emitted);
    assert.ok(out.length <= CHUNK, `emitted ${out.length} bytes`);
    assert.deepEqual(out, plaintext.subarray(0, out.length));
  });

  it("refuses keys that are not 32 bytes and chunk sizes out of range", () => {
    assert.throws(() => createSealStream(randomBytes(16), context), fails);
    assert.throws(() => createOpenStream(randomBytes(31), context), fails);
    assert.throws(() => createSealStream(key, context, { chunkBytes: 8 }), fails);
  });
});
