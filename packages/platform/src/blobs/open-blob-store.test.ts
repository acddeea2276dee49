import assert from "node:assert/strict";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { isYunxiError } from "../errors/errors.js";
import { LocalBlobStore } from "./local-blob-store.js";
import { openBlobStore } from "./open-blob-store.js";

describe("openBlobStore", () => {
  it("opens the local store under DATA_DIR/blobs with URLs on the gateway", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "yunxi-open-blobs-"));
    try {
      const store = await openBlobStore({ DATA_DIR: dataDir, BIND_HOST: "127.0.0.1", HTTP_PORT: 8088, SIGNING_SECRET: "s".repeat(32) });
      assert.ok(store instanceof LocalBlobStore);
      assert.ok((await stat(join(dataDir, "blobs", "objects"))).isDirectory());
      assert.match(await store.presignGet("a/b.jpg", { expiresInSeconds: 60 }), /^http:\/\/127\.0\.0\.1:8088\/blobs\/a\/b\.jpg\?/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("refuses to start without the settings each store needs", async () => {
    await assert.rejects(openBlobStore({ DATA_DIR: "/nonexistent" }), (e: unknown) => isYunxiError(e, "FailedPrecondition") && /YUNXI_SIGNING_SECRET/.test(e.message));
    await assert.rejects(openBlobStore({ DATA_DIR: "/x", S3_ENDPOINT: "http://127.0.0.1:1" }), (e: unknown) => isYunxiError(e, "FailedPrecondition") && /YUNXI_S3_ACCESS_KEY/.test(e.message));
  });
});
