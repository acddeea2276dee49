import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, describe, it } from "node:test";
import { isYunxiError } from "../errors/errors.js";
import { blobStoreContract } from "./blob-store.contract.js";
import { LocalBlobStore, type LocalBlobStoreOptions } from "./local-blob-store.js";

const SECRET = randomBytes(32);
const cleanups: (() => Promise<void>)[] = [];

after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A store in a fresh directory, served by a node:http server on port 0 as the gateway would mount it. */
async function openServed(options: Partial<LocalBlobStoreOptions> = {}): Promise<{ store: LocalBlobStore; dataDir: string; baseUrl: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), "yunxi-blobs-"));
  const route: { handler?: LocalBlobStore["handleBlobHttpRequest"] } = {};
  const server: Server = createServer((req, res) => {
    if (route.handler) void route.handler(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const store = new LocalBlobStore({ dataDir, publicBaseUrl: baseUrl, signingSecret: SECRET, ...options });
  route.handler = store.handleBlobHttpRequest;
  await store.ensureReady();
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(dataDir, { recursive: true, force: true });
  });
  return { store, dataDir, baseUrl };
}

blobStoreContract("LocalBlobStore", async () => (await openServed()).store);

describe("LocalBlobStore specifics", () => {
  it("refuses a short signing secret and a bad public URL", () => {
    assert.throws(() => new LocalBlobStore({ dataDir: "/tmp/x", publicBaseUrl: "http://localhost", signingSecret: "short" }), (e) => isYunxiError(e, "InvalidArgument"));
    assert.throws(() => new LocalBlobStore({ dataDir: "/tmp/x", publicBaseUrl: "ftp://x", signingSecret: SECRET }), (e) => isYunxiError(e, "InvalidArgument"));
  });

  it("builds URLs as <publicBaseUrl>/blobs/<key>?method&expires&signature", async () => {
    const { store, baseUrl } = await openServed();
    const url = new URL(await store.presignGet("org-1/a.jpg", { expiresInSeconds: 60 }));
    assert.equal(`${url.origin}${url.pathname}`, `${baseUrl}/blobs/org-1/a.jpg`);
    assert.equal(url.searchParams.get("method"), "GET");
    assert.match(url.searchParams.get("expires") ?? "", /^\d+$/);
    assert.match(url.searchParams.get("signature") ?? "", /^[A-Za-z0-9_-]{43}$/);
  });

  it("refuses a presigned PUT sent with another Content-Type", async () => {
    const { store } = await openServed();
    const url = await store.presignPut("org-1/typed.jpg", { expiresInSeconds: 60, contentType: "image/jpeg" });
    const response = await fetch(url, { method: "PUT", body: "<script>", headers: { "Content-Type": "text/html" }, signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    assert.equal(response.status, 403);
    await assert.rejects(store.head("org-1/typed.jpg"), (e) => isYunxiError(e, "NotFound"));
  });

  it("refuses an upload over the size limit, through put and through a presigned PUT, leaving no temp files", async () => {
    const { store, dataDir } = await openServed({ maxObjectBytes: 1024 });
    await assert.rejects(store.put("big/declared", randomBytes(2048), { contentType: "application/octet-stream" }), (e) => isYunxiError(e, "InvalidArgument"));
    await assert.rejects(
      store.put("big/streamed", Readable.from([randomBytes(700), randomBytes(700)]), { contentType: "application/octet-stream" }),
      (e) => isYunxiError(e, "InvalidArgument"),
    );
    const url = await store.presignPut("big/upload", { expiresInSeconds: 60, contentType: "application/octet-stream" });
    const response = await fetch(url, { method: "PUT", body: randomBytes(4096), headers: { "Content-Type": "application/octet-stream" }, signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    assert.equal(response.status, 400);
    assert.match(text, /size limit/);
    for (const key of ["big/declared", "big/streamed", "big/upload"]) {
      await assert.rejects(store.head(key), (e) => isYunxiError(e, "NotFound"));
    }
    assert.deepEqual(await readdir(join(dataDir, "blobs", "tmp")), []);
  });

  it("keeps one data file per blob after replacing it", async () => {
    const { store, dataDir } = await openServed();
    for (let i = 0; i < 3; i++) await store.put("org-1/replaced.txt", Buffer.from(`v${i}`), { contentType: "text/plain" });
    const files = await readdir(join(dataDir, "blobs", "objects", "org-1"));
    assert.equal(files.length, 2, `expected a data file and a sidecar, found ${files.join(", ")}`);
    await store.delete("org-1/replaced.txt");
    assert.deepEqual(await readdir(join(dataDir, "blobs", "objects", "org-1")), []);
  });

  it("answers 404 for a valid URL whose blob is gone and 400 for an encoded traversal", async () => {
    const { store, baseUrl } = await openServed();
    await store.put("org-1/gone.txt", Buffer.from("x"), { contentType: "text/plain" });
    const url = await store.presignGet("org-1/gone.txt", { expiresInSeconds: 60 });
    await store.delete("org-1/gone.txt");
    const gone = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    await gone.arrayBuffer();
    assert.equal(gone.status, 404);
    const traversal = await fetch(`${baseUrl}/blobs/org-1/..%2F..%2Fetc%2Fpasswd?method=GET&expires=99999999999&signature=x`, { signal: AbortSignal.timeout(10_000) });
    const body = await traversal.text();
    assert.equal(traversal.status, 400);
    assert.ok(!body.includes("root:"));
  });
});
