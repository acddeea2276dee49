import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { buffer } from "node:stream/consumers";
import { after, before, describe, it } from "node:test";
import { createRootLogger, isYunxiError, S3BlobStore } from "@yunxi/platform";
import { requireTestServer, testSetting } from "@yunxi/platform/testing";
import { MemoryMediaRepository } from "../adapters/memory/memory-media-repository.js";
import { makeMediaService, type MediaService } from "./media-service.js";
import { FakeTokenVerifier, LocalDataKeys, fakeServiceDeps } from "./test-fakes.js";

const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/** The store + encrypt path against a real S3 server: presigned PUT by plain HTTP, sealed object, streamed read. */
describe("media on real S3: upload, encrypt at rest, download", { timeout: 120_000 }, () => {
  // One bucket per run, emptied and removed afterwards.
  const bucket = `yunxi-media-test-${randomBytes(5).toString("hex")}`;
  let store: S3BlobStore;
  let service: MediaService;
  const verifier = new FakeTokenVerifier();
  const admin = verifier.user("admin-s3", "org-s3", ["administrator"]);
  const keys = new LocalDataKeys();
  const repository = new MemoryMediaRepository();

  const keysIn = async (prefix: string) => {
    const found: string[] = [];
    for await (const blob of store.list(prefix)) found.push(blob.key);
    return found;
  };

  before(async () => {
    const endpoint = await requireTestServer("s3");
    store = new S3BlobStore({ endpoint, bucket, accessKey: testSetting("YUNXI_TEST_S3_ACCESS_KEY"), secretKey: testSetting("YUNXI_TEST_S3_SECRET_KEY"), partSizeBytes: 5 * 1024 ** 2 });
    await store.ensureReady();
    service = makeMediaService({ ...fakeServiceDeps(),
      repository,
      blobs: store,
      keys,
      verifier,
      clock: { now: () => new Date() },
      logger: createRootLogger({ level: "silent" }),
      settings: { deviceQuotaBytes: 100 * 1024 ** 2, maxObjectBytes: 100 * 1024 ** 2, uploadUrlSeconds: 300, uploadTtlSeconds: 3600, chunkBytes: 64 * 1024 },
    });
  });

  after(async () => {
    if (!store) return;
    for (const key of await keysIn("")) await store.delete(key);
    // SeaweedFS and MinIO both drop an empty bucket through the S3 API; the store has no bucket removal.
    const { Client } = await import("minio");
    const url = new URL(await requireTestServer("s3"));
    const client = new Client({ endPoint: url.hostname, port: Number(url.port), useSSL: false, accessKey: testSetting("YUNXI_TEST_S3_ACCESS_KEY"), secretKey: testSetting("YUNXI_TEST_S3_SECRET_KEY"), pathStyle: true, region: "us-east-1" });
    await client.removeBucket(bucket);
  });

  it("a 6 MiB video goes up by presigned URL, is stored sealed (multipart), and decrypts to the uploaded bytes", async () => {
    const video = randomBytes(6 * 1024 ** 2 + 123);
    const created = await service.createUpload(admin, { kind: "video", contentType: "video/mp4", size: video.length, sha256: sha(video), owner: { deviceId: "dev-s3" } });
    const response = await fetch(created.uploadUrl, { method: "PUT", body: video, headers: { "content-type": "video/mp4" }, signal: AbortSignal.timeout(30_000) });
    assert.equal(response.status, 200, await response.text());
    const item = await service.completeUpload(admin, created.upload.id);
    assert.deepEqual(await keysIn("media-staging/"), [], "staged plaintext deleted");
    const stored = await store.get(item.blobKey);
    assert.equal(stored.metadata["wrapped-key"], item.wrappedKey);
    const sealed = await buffer(stored.body);
    assert.equal(sealed.length, item.storedSize);
    assert.equal(sealed.includes(video.subarray(1000, 1064)), false, "stored bytes are ciphertext");
    const content = await service.openContent(admin, item.id);
    assert.equal(sha(await buffer(content.body)), sha(video));
  });

  it("a digest mismatch leaves nothing in the bucket", async () => {
    const photo = randomBytes(10_000);
    const created = await service.createUpload(admin, { kind: "photo", contentType: "image/jpeg", size: photo.length, sha256: sha(Buffer.from("not it")), owner: { deviceId: "dev-s3" } });
    const response = await fetch(created.uploadUrl, { method: "PUT", body: photo, headers: { "content-type": "image/jpeg" }, signal: AbortSignal.timeout(30_000) });
    assert.equal(response.status, 200);
    await assert.rejects(service.completeUpload(admin, created.upload.id), (e) => isYunxiError(e, "InvalidArgument"));
    assert.deepEqual((await keysIn("")).filter((key) => key.includes(created.upload.id)), []);
  });
});
