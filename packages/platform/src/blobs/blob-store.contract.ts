import assert from "node:assert/strict";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { isYunxiError, type ErrorKind } from "../errors/errors.js";
import type { BlobStore } from "./blob-store.js";

/** Bounds every HTTP call the suite makes, so a hung server fails the test instead of stalling the run. */
const FETCH_TIMEOUT_MS = 15_000;

/**
 * The behaviour every {@link BlobStore} must show. Called from `local-blob-store.test.ts` (directory) and
 * `s3-blob-store.integration-test.ts` (real S3 server). `open` returns a ready store whose presigned URLs
 * are reachable from this process; the suite writes only under a unique prefix and deletes what it wrote.
 */
export function blobStoreContract(label: string, open: () => Promise<BlobStore>): void {
  describe(`BlobStore contract: ${label}`, () => {
    let store: BlobStore;
    const run = `contract-${randomUUID()}`;

    before(async () => {
      store = await open();
    });

    after(async () => {
      if (!store) return;
      for await (const item of store.list(`${run}/`)) await store.delete(item.key);
    });

    it("round-trips a multi-megabyte streamed body with its sha256, type and metadata", async () => {
      const key = `${run}/photos/page-1.jpg`;
      const hash = createHash("sha256");
      const chunks: Buffer[] = [];
      // 12 MiB in 256 KiB chunks: larger than an S3 part, so the streaming multipart path is exercised.
      for (let i = 0; i < 48; i++) {
        const chunk = randomBytes(256 * 1024);
        hash.update(chunk);
        chunks.push(chunk);
      }
      const expected = hash.digest("hex");
      const size = 48 * 256 * 1024;
      const metadata = { "device-id": "seal-0042", "sequence": "17" };
      const stored = await store.put(key, Readable.from(chunks), { contentType: "image/jpeg", metadata });
      assert.equal(stored.key, key);
      assert.equal(stored.size, size);
      assert.equal(stored.sha256, expected);

      const blob = await store.get(key);
      assert.equal(blob.size, size);
      assert.equal(blob.contentType, "image/jpeg");
      assert.deepEqual({ ...blob.metadata }, metadata);
      const readBack = createHash("sha256");
      let read = 0;
      for await (const chunk of blob.body as AsyncIterable<Buffer>) {
        readBack.update(chunk);
        read += chunk.length;
      }
      assert.equal(read, size);
      assert.equal(readBack.digest("hex"), expected);

      const info = await store.head(key);
      assert.equal(info.size, size);
      assert.equal(info.contentType, "image/jpeg");
      assert.deepEqual({ ...info.metadata }, metadata);
    });

    it("replaces a blob, type and metadata included, on a second put", async () => {
      const key = `${run}/replace/doc.pdf`;
      await store.put(key, Buffer.from("first version"), { contentType: "application/pdf", metadata: { revision: "1" } });
      const second = Buffer.from("second, longer version");
      const stored = await store.put(key, second, { contentType: "text/plain; charset=utf-8", contentLength: second.length });
      assert.equal(stored.sha256, createHash("sha256").update(second).digest("hex"));
      const blob = await store.get(key);
      assert.equal((await readAll(blob.body)).toString(), "second, longer version");
      assert.equal(blob.contentType, "text/plain; charset=utf-8");
      assert.deepEqual({ ...blob.metadata }, {});
    });

    it("stores an empty body", async () => {
      const key = `${run}/empty`;
      const stored = await store.put(key, Buffer.alloc(0), { contentType: "application/octet-stream" });
      assert.equal(stored.size, 0);
      assert.equal(stored.sha256, createHash("sha256").digest("hex"));
      const blob = await store.get(key);
      assert.equal(blob.size, 0);
      assert.equal((await readAll(blob.body)).length, 0);
    });

    it("reports NotFound for a missing key", async () => {
      await assertKind(() => store.get(`${run}/missing/nothing.bin`), "NotFound");
      await assertKind(() => store.head(`${run}/missing/nothing.bin`), "NotFound");
    });

    it("deletes idempotently", async () => {
      const key = `${run}/delete/me.txt`;
      await store.put(key, Buffer.from("bye"), { contentType: "text/plain" });
      await store.delete(key);
      await assertKind(() => store.head(key), "NotFound");
      await store.delete(key);
      await store.delete(`${run}/delete/never-existed.txt`);
    });

    it("lists by prefix, each key once, across several pages", async () => {
      const base = `${run}/list/`;
      const keys = ["a-1", "a-2", "a/nested/deep", "a", "b", "c.txt", "d=1", "sub/x", "sub/y/z"].map((name) => base + name);
      const outside = [`${run}/list-sibling/a`, `${run}/listx`];
      await Promise.all([...keys, ...outside].map((key) => store.put(key, Buffer.from(key), { contentType: "text/plain" })));

      // Order is compared sorted: S3 lists by key, but SeaweedFS walks '/' as directories; the port promises no order.
      const listed = [];
      for await (const item of store.list(base, { pageSize: 2 })) listed.push(item);
      assert.deepEqual(listed.map((item) => item.key).sort(), [...keys].sort());
      for (const item of listed) assert.equal(item.size, Buffer.byteLength(item.key));

      const partial = [];
      for await (const item of store.list(`${base}a`, { pageSize: 2 })) partial.push(item.key);
      assert.deepEqual(partial.sort(), [`${base}a`, `${base}a-1`, `${base}a-2`, `${base}a/nested/deep`]);

      const none = [];
      for await (const item of store.list(`${run}/list/zzz`)) none.push(item.key);
      assert.deepEqual(none, []);
    });

    it("rejects bad keys with InvalidArgument and touches nothing", async () => {
      const before = await keysUnder(store, `${run}/`);
      const bad = [
        "",
        "/absolute",
        `${run}/../escape`,
        "..",
        `${run}/a//b`,
        `${run}/trailing/`,
        `${run}/./x`,
        `${run}/back\\slash`,
        `${run}/space here`,
        `${run}/ключ`,
        `${run}/tilde~meta`,
        `${run}/${"x".repeat(520)}`,
      ];
      for (const key of bad) {
        await assertKind(() => store.put(key, Buffer.from("x"), { contentType: "text/plain" }), "InvalidArgument", key);
        await assertKind(() => store.get(key), "InvalidArgument", key);
        await assertKind(() => store.head(key), "InvalidArgument", key);
        await assertKind(() => store.delete(key), "InvalidArgument", key);
        await assertKind(() => store.presignPut(key, { expiresInSeconds: 60, contentType: "text/plain" }), "InvalidArgument", key);
        await assertKind(() => store.presignGet(key, { expiresInSeconds: 60 }), "InvalidArgument", key);
      }
      for (const prefix of ["../", "/", "a//", "~"]) {
        await assertKind(async () => {
          for await (const item of store.list(prefix)) assert.fail(`listed ${item.key}`);
        }, "InvalidArgument", prefix);
      }
      assert.deepEqual(await keysUnder(store, `${run}/`), before);
    });

    it("rejects bad options, and a body that disagrees with its length, keeping the previous blob", async () => {
      const key = `${run}/options/kept.txt`;
      await store.put(key, Buffer.from("original"), { contentType: "text/plain" });
      const put = (body: Buffer | Readable, options: Parameters<BlobStore["put"]>[2]) => () => store.put(key, body, options);
      await assertKind(put(Buffer.from("x"), { contentType: "not a type" }), "InvalidArgument");
      await assertKind(put(Buffer.from("x"), { contentType: "text/plain", metadata: { "Upper-Case": "v" } }), "InvalidArgument");
      await assertKind(put(Buffer.from("x"), { contentType: "text/plain", metadata: { "content-type": "v" } }), "InvalidArgument");
      await assertKind(put(Buffer.from("x"), { contentType: "text/plain", metadata: { note: "non-ascii ü" } }), "InvalidArgument");
      await assertKind(put(Buffer.from("x"), { contentType: "text/plain", metadata: { big: "v".repeat(3000) } }), "InvalidArgument");
      await assertKind(put(Buffer.from("four"), { contentType: "text/plain", contentLength: 5 }), "InvalidArgument");
      await assertKind(put(Readable.from([Buffer.from("longer than declared")]), { contentType: "text/plain", contentLength: 4 }), "InvalidArgument");
      await assertKind(put(Readable.from([Buffer.from("short")]), { contentType: "text/plain", contentLength: 50 }), "InvalidArgument");
      await assertKind(() => store.presignGet(key, { expiresInSeconds: 0 }), "InvalidArgument");
      await assertKind(() => store.presignGet(key, { expiresInSeconds: 8 * 24 * 3600 }), "InvalidArgument");
      const blob = await store.get(key);
      assert.equal((await readAll(blob.body)).toString(), "original");
      assert.equal(blob.contentType, "text/plain");
    });

    it("fails a put whose body stream errors, keeping the previous blob", async () => {
      const key = `${run}/options/broken-stream.bin`;
      await store.put(key, Buffer.from("original"), { contentType: "application/octet-stream" });
      let reads = 0;
      const broken = new Readable({
        read() {
          if (++reads > 3) this.destroy(new Error("device disconnected"));
          else this.push(randomBytes(64 * 1024));
        },
      });
      await assert.rejects(() => store.put(key, broken, { contentType: "application/octet-stream" }), /device disconnected/);
      assert.equal((await readAll((await store.get(key)).body)).toString(), "original");
    });

    it("accepts a presigned PUT and serves a presigned GET over plain HTTP", async () => {
      const key = `${run}/presigned/photo-1.jpg`;
      const body = randomBytes(300 * 1024);
      const putUrl = await store.presignPut(key, { expiresInSeconds: 120, contentType: "image/jpeg" });
      const put = await fetch(putUrl, { method: "PUT", body, headers: { "Content-Type": "image/jpeg" }, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      await put.arrayBuffer();
      assert.equal(put.status, 200, `presigned PUT answered ${put.status}`);

      const info = await store.head(key);
      assert.equal(info.size, body.length);
      assert.equal(info.contentType, "image/jpeg");

      const getUrl = await store.presignGet(key, { expiresInSeconds: 120 });
      const got = await fetch(getUrl, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      assert.equal(got.status, 200);
      assert.equal(got.headers.get("content-type"), "image/jpeg");
      assert.ok(Buffer.from(await got.arrayBuffer()).equals(body));
    });

    it("refuses an expired presigned URL", async () => {
      const key = `${run}/presigned/expiring.txt`;
      await store.put(key, Buffer.from("soon gone"), { contentType: "text/plain" });
      const getUrl = await store.presignGet(key, { expiresInSeconds: 1 });
      const putUrl = await store.presignPut(`${run}/presigned/late-upload.txt`, { expiresInSeconds: 1, contentType: "text/plain" });
      // Expiry is checked at one-second resolution on both stores; wait just past it.
      await sleep(2_200);
      const got = await fetch(getUrl, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      await got.arrayBuffer();
      assert.equal(got.status, 403);
      const put = await fetch(putUrl, { method: "PUT", body: "late", headers: { "Content-Type": "text/plain" }, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      await put.arrayBuffer();
      assert.equal(put.status, 403);
      await assertKind(() => store.head(`${run}/presigned/late-upload.txt`), "NotFound");
    });

    it("refuses tampered presigned URLs", async () => {
      const key = `${run}/presigned/guarded.txt`;
      const other = `${run}/presigned/other.txt`;
      await store.put(key, Buffer.from("content-of-guarded"), { contentType: "text/plain" });
      await store.put(other, Buffer.from("content-of-other"), { contentType: "text/plain" });
      const getUrl = new URL(await store.presignGet(key, { expiresInSeconds: 120 }));
      const putUrl = new URL(await store.presignPut(`${run}/presigned/never.txt`, { expiresInSeconds: 120, contentType: "text/plain" }));

      const tampered: URL[] = [];
      // A flipped signature character.
      const signatureParam = [...getUrl.searchParams.keys()].find((name) => /signature/i.test(name));
      assert.ok(signatureParam, "a presigned URL carries a signature parameter");
      const flipped = new URL(getUrl);
      const signature = getUrl.searchParams.get(signatureParam) ?? "";
      flipped.searchParams.set(signatureParam, (signature[0] === "A" ? "B" : "A") + signature.slice(1));
      tampered.push(flipped);
      // The same signature on another key.
      const moved = new URL(getUrl);
      moved.pathname = getUrl.pathname.replace(/guarded\.txt$/, "other.txt");
      assert.notEqual(moved.pathname, getUrl.pathname);
      tampered.push(moved);
      // A longer lifetime than was signed.
      const extended = new URL(getUrl);
      const expiresParam = [...getUrl.searchParams.keys()].find((name) => /expires/i.test(name));
      assert.ok(expiresParam, "a presigned URL carries its expiry");
      extended.searchParams.set(expiresParam, String(Number(getUrl.searchParams.get(expiresParam)) + 3600));
      tampered.push(extended);
      for (const url of tampered) {
        const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
        const text = await response.text();
        assert.equal(response.status, 403, `tampered URL ${url.pathname} answered ${response.status}`);
        assert.ok(!text.includes("content-of-"), "a refused URL leaks no content");
      }
      // No signature at all: S3 servers answer 400 (malformed) or 403; either way no content.
      const stripped = new URL(getUrl);
      stripped.searchParams.delete(signatureParam);
      const unsigned = await fetch(stripped, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      const unsignedText = await unsigned.text();
      assert.ok(unsigned.status === 400 || unsigned.status === 403, `unsigned URL answered ${unsigned.status}`);
      assert.ok(!unsignedText.includes("content-of-"), "a refused URL leaks no content");

      // A GET URL cannot upload, and a PUT URL cannot download.
      const wrongMethod = await fetch(getUrl, { method: "PUT", body: "overwrite", headers: { "Content-Type": "text/plain" }, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      await wrongMethod.arrayBuffer();
      assert.equal(wrongMethod.status, 403);
      const putAsGet = await fetch(putUrl, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      await putAsGet.arrayBuffer();
      assert.equal(putAsGet.status, 403);
      assert.equal((await readAll((await store.get(key)).body)).toString(), "content-of-guarded");
      await assertKind(() => store.head(`${run}/presigned/never.txt`), "NotFound");
    });
  });
}

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function keysUnder(store: BlobStore, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const item of store.list(prefix)) keys.push(item.key);
  return keys;
}

async function assertKind(operation: () => Promise<unknown> | unknown, kind: ErrorKind, label?: string): Promise<void> {
  await assert.rejects(
    async () => operation(),
    (error: unknown) => isYunxiError(error, kind),
    `expected ${kind}${label === undefined ? "" : ` for ${JSON.stringify(label.slice(0, 80))}`}`,
  );
}
