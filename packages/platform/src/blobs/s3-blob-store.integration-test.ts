import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { after, describe, it } from "node:test";
import { Client } from "minio";
import { isYunxiError } from "../errors/errors.js";
import { requireTestServer, testSetting } from "../testing/servers.js";
import { blobStoreContract } from "./blob-store.contract.js";
import { openBlobStore } from "./open-blob-store.js";
import { S3BlobStore } from "./s3-blob-store.js";

/** One bucket per run, removed afterwards with everything in it. */
const bucket = `yunxi-test-${randomBytes(6).toString("hex")}`;
let created = false;

async function settings(): Promise<{ endpoint: string; accessKey: string; secretKey: string }> {
  const endpoint = await requireTestServer("s3");
  return { endpoint, accessKey: testSetting("YUNXI_TEST_S3_ACCESS_KEY"), secretKey: testSetting("YUNXI_TEST_S3_SECRET_KEY") };
}

after(async () => {
  if (!created) return;
  const { endpoint, accessKey, secretKey } = await settings();
  const url = new URL(endpoint);
  const client = new Client({ endPoint: url.hostname, port: Number(url.port), useSSL: false, accessKey, secretKey, pathStyle: true, region: "us-east-1" });
  const names: string[] = [];
  for await (const item of client.listObjectsV2(bucket, "", true)) if (item.name) names.push(item.name);
  if (names.length > 0) await client.removeObjects(bucket, names);
  for await (const upload of client.listIncompleteUploads(bucket, "", true)) await client.removeIncompleteUpload(bucket, upload.key);
  await client.removeBucket(bucket);
});

blobStoreContract("S3BlobStore", async () => {
  // 5 MiB parts (S3's minimum) so the contract's 12 MiB body goes up as a real multipart upload.
  const store = new S3BlobStore({ ...(await settings()), bucket, partSizeBytes: 5 * 1024 ** 2 });
  await store.ensureReady();
  created = true;
  await store.ensureReady();
  return store;
});

describe("S3BlobStore specifics", () => {
  it("is what openBlobStore builds from YUNXI_S3_* settings, bucket created", async () => {
    const { endpoint, accessKey, secretKey } = await settings();
    const store = await openBlobStore({ DATA_DIR: "/nonexistent", S3_ENDPOINT: endpoint, S3_BUCKET: bucket, S3_ACCESS_KEY: accessKey, S3_SECRET_KEY: secretKey });
    created = true;
    assert.ok(store instanceof S3BlobStore);
    await store.put("opened/probe.txt", Buffer.from("probe"), { contentType: "text/plain" });
    assert.equal((await store.head("opened/probe.txt")).size, 5);
    await store.delete("opened/probe.txt");
  });

  it("reports an unreachable server as Unavailable, naming it", async () => {
    const port = await closedPort();
    const store = new S3BlobStore({ endpoint: `http://127.0.0.1:${port}`, bucket: "any-bucket", accessKey: "k", secretKey: "not-logged-secret" });
    await assert.rejects(store.ensureReady(), (e: unknown) => {
      assert.ok(isYunxiError(e, "Unavailable"), String(e));
      assert.match(e.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
      assert.doesNotMatch(e.message, /not-logged-secret/);
      return true;
    });
  });

  it("refuses a bad bucket name and a part size below 5 MiB", async () => {
    const base = await settings();
    assert.throws(() => new S3BlobStore({ ...base, bucket: "Bad_Bucket" }), (e) => isYunxiError(e, "InvalidArgument"));
    assert.throws(() => new S3BlobStore({ ...base, bucket: "good-bucket", partSizeBytes: 1024 }), (e) => isYunxiError(e, "InvalidArgument"));
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
