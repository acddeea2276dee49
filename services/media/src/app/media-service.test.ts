import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buffer } from "node:stream/consumers";
import { after, before, beforeEach, describe, it } from "node:test";
import { createRootLogger, isYunxiError, LocalBlobStore, type BlobStore, type CallContext, type ErrorKind } from "@yunxi/platform";
import { MemoryMediaRepository } from "../adapters/memory/memory-media-repository.js";
import { makeMediaService, type MediaService, type MediaSettings } from "./media-service.js";
import { createDeviceUploadTokens } from "@yunxi/platform";
import { FakeTokenVerifier, LocalDataKeys, TEST_SIGNING_SECRET, fakeServiceDeps } from "./test-fakes.js";

const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");
const failsWith = (kind: ErrorKind) => (error: unknown) => isYunxiError(error, kind);

async function keysUnder(store: BlobStore, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const blob of store.list(prefix)) keys.push(blob.key);
  return keys;
}

describe("media use cases (memory repository, local blob store, local data keys)", () => {
  let dir: string;
  let blobs: LocalBlobStore;
  let repository: MemoryMediaRepository;
  let keys: LocalDataKeys;
  let service: MediaService;
  let now = new Date("2026-03-01T10:00:00Z");
  const verifier = new FakeTokenVerifier();
  const settings: MediaSettings = { deviceQuotaBytes: 10_000, maxObjectBytes: 1_000_000, uploadUrlSeconds: 600, uploadTtlSeconds: 3600, chunkBytes: 1024 };
  const admin = verifier.user("admin-a", "org-a", ["administrator"]);
  const member = verifier.user("member-a", "org-a", ["member"]);
  const otherMember = verifier.user("member-a2", "org-a", ["member"]);
  const auditor = verifier.user("auditor-a", "org-a", ["auditor"]);
  const adminB = verifier.user("admin-b", "org-b", ["administrator"]);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "media-service-"));
    blobs = new LocalBlobStore({ dataDir: dir, publicBaseUrl: "http://127.0.0.1:1", signingSecret: randomBytes(32) });
    await blobs.ensureReady();
  });
  after(async () => rm(dir, { recursive: true, force: true }));
  beforeEach(() => {
    repository = new MemoryMediaRepository();
    keys = new LocalDataKeys();
    now = new Date("2026-03-01T10:00:00Z");
    service = makeMediaService({ ...fakeServiceDeps(), repository, blobs, keys, verifier, clock: { now: () => now }, logger: createRootLogger({ level: "silent" }), settings });
  });

  /** Creates an upload and stages `data` as the uploader's PUT would. */
  async function stage(context: CallContext, data: Buffer, extra: Record<string, unknown> = {}, declared: { size?: number; sha256?: string } = {}) {
    const created = await service.createUpload(context, { kind: "photo", contentType: "image/jpeg", size: declared.size ?? data.length, sha256: declared.sha256 ?? sha(data), ...extra });
    await blobs.put(created.upload.stagingKey, data, { contentType: "image/jpeg" });
    return created;
  }

  it("stores ciphertext under a fresh data key, deletes the staged plaintext, records the item and MediaStored", async () => {
    const photo = Buffer.concat([Buffer.from("JPEG-PAGE-PHOTO "), randomBytes(3000)]);
    const created = await stage(admin, photo, { owner: { deviceId: "dev-1" }, applicationId: "app-7", impressionSequence: 3 });
    assert.match(created.uploadUrl, /method=PUT/);
    const item = await service.completeUpload(admin, created.upload.id);
    assert.equal(item.size, photo.length);
    assert.equal(item.sha256, sha(photo));
    assert.deepEqual(item.owner, { deviceId: "dev-1" });
    assert.equal(item.applicationId, "app-7");
    assert.equal(item.impressionSequence, 3);
    assert.deepEqual(await keysUnder(blobs, "media-staging/"), []);
    const stored = await buffer((await blobs.get(item.blobKey)).body);
    assert.equal(stored.length, item.storedSize);
    assert.equal(stored.includes(photo.subarray(0, 32)), false, "the stored object is not plaintext");
    assert.equal(stored.includes(keys.handedOut[0] as Buffer), false, "the data key is not stored");
    assert.equal((await blobs.head(item.blobKey)).metadata["wrapped-key"], item.wrappedKey);
    assert.deepEqual(repository.events.map((e) => e.type), ["MediaStored"]);
    assert.equal(await repository.deviceUsage("org-a", "dev-1", 2026), photo.length);

    const content = await service.openContent(auditor, item.id);
    assert.deepEqual(await buffer(content.body), photo);
    assert.deepEqual((await repository.listAccesses("org-a", item.id)).map((a) => a.accessedBy), ["auditor-a"]);
    assert.deepEqual(repository.events.map((e) => e.type), ["MediaStored", "MediaAccessed"]);
    // Completing again (a device retrying) returns the same item and stores nothing new.
    assert.deepEqual(await service.completeUpload(admin, created.upload.id), item);
    assert.equal(keys.issued, 1);
  });

  it("a SHA-256 mismatch is InvalidArgument and leaves nothing: no staged bytes, no ciphertext, no item", async () => {
    const data = randomBytes(2000);
    const created = await stage(member, data, {}, { sha256: sha(Buffer.from("something else")) });
    await assert.rejects(service.completeUpload(member, created.upload.id), (e) => isYunxiError(e, "InvalidArgument") && e.violations[0]?.field === "sha256");
    assert.deepEqual(await keysUnder(blobs, `media-staging/org-a/${created.upload.id}`), []);
    assert.deepEqual(await keysUnder(blobs, `media/org-a/2026/${created.upload.id}`), []);
    assert.equal(repository.items.size, 0);
    assert.deepEqual(repository.events, []);
  });

  it("a size mismatch is InvalidArgument and leaves nothing", async () => {
    const data = randomBytes(500);
    const created = await stage(member, data, {}, { size: 501 });
    await assert.rejects(service.completeUpload(member, created.upload.id), (e) => isYunxiError(e, "InvalidArgument") && e.violations[0]?.field === "size");
    assert.deepEqual(await keysUnder(blobs, `media-staging/org-a/${created.upload.id}`), []);
    assert.equal(repository.items.size, 0);
  });

  it("refuses an item over the device's yearly quota with ResourceExhausted and stores nothing; the next year starts afresh", async () => {
    const first = await stage(admin, randomBytes(6000), { owner: { deviceId: "dev-q" } });
    await service.completeUpload(admin, first.upload.id);
    // Declared sizes are checked up front...
    await assert.rejects(service.createUpload(admin, { kind: "video", contentType: "video/mp4", size: 5000, sha256: "0".repeat(64), owner: { deviceId: "dev-q" } }), failsWith("ResourceExhausted"));
    // ...and again on completion, when another upload used the room meanwhile.
    const a = await stage(admin, randomBytes(3000), { owner: { deviceId: "dev-q" } });
    const b = await stage(admin, randomBytes(3000), { owner: { deviceId: "dev-q" } });
    await service.completeUpload(admin, a.upload.id);
    await assert.rejects(service.completeUpload(admin, b.upload.id), failsWith("ResourceExhausted"));
    assert.deepEqual(await keysUnder(blobs, `media-staging/org-a/${b.upload.id}`), []);
    assert.deepEqual(await keysUnder(blobs, `media/org-a/2026/${b.upload.id}`), []);
    assert.equal(repository.items.has(b.upload.id), false);
    assert.equal(await repository.deviceUsage("org-a", "dev-q", 2026), 9000);
    now = new Date("2027-01-01T00:00:01Z");
    const next = await stage(admin, randomBytes(3000), { owner: { deviceId: "dev-q" } });
    await service.completeUpload(admin, next.upload.id);
    assert.equal(await repository.deviceUsage("org-a", "dev-q", 2027), 3000);
  });

  it("checks permissions: uploads need device.manage or application.create; devices need device.manage; reading needs records.read or ownership", async () => {
    const auditorUpload = { kind: "photo", contentType: "image/jpeg", size: 10, sha256: sha(Buffer.alloc(10)) };
    await assert.rejects(service.createUpload(auditor, auditorUpload), failsWith("PermissionDenied"));
    await assert.rejects(service.createUpload(member, { ...auditorUpload, owner: { deviceId: "dev-1" } }), failsWith("PermissionDenied"));
    await assert.rejects(service.createUpload(member, { ...auditorUpload, owner: { userId: "admin-a" } }), failsWith("PermissionDenied"));
    await assert.rejects(service.createUpload({ requestId: "anon" }, auditorUpload), failsWith("Unauthenticated"));

    const own = await stage(member, randomBytes(100));
    await assert.rejects(service.completeUpload(otherMember, own.upload.id), failsWith("PermissionDenied"));
    const item = await service.completeUpload(member, own.upload.id);
    assert.deepEqual(item.owner, { userId: "member-a" });
    assert.equal((await service.getMedia(member, item.id)).id, item.id, "the owner reads without records.read");
    await assert.rejects(service.getMedia(otherMember, item.id), failsWith("PermissionDenied"));
    await assert.rejects(service.openContent(otherMember, item.id), failsWith("PermissionDenied"));
    assert.deepEqual(await repository.listAccesses("org-a", item.id), [], "a refused download is not an access");
  });

  it("keeps organisations apart: another organisation's caller gets NotFound and changes nothing", async () => {
    const created = await stage(admin, randomBytes(100));
    await assert.rejects(service.completeUpload(adminB, created.upload.id), failsWith("NotFound"));
    assert.deepEqual((await keysUnder(blobs, `media-staging/org-a/${created.upload.id}`)).length, 1);
    const item = await service.completeUpload(admin, created.upload.id);
    await assert.rejects(service.getMedia(adminB, item.id), failsWith("NotFound"));
    await assert.rejects(service.openContent(adminB, item.id), failsWith("NotFound"));
    // A token for org B with an org A header is refused outright.
    await assert.rejects(service.getMedia({ ...adminB, organisationId: "org-a" }, item.id), failsWith("PermissionDenied"));
    assert.deepEqual(await repository.listAccesses("org-a", item.id), []);
  });

  it("rejects bad input with every violation and creates nothing", async () => {
    await assert.rejects(service.createUpload(admin, { kind: "sound", contentType: "jpeg", size: 0, sha256: "xyz", owner: { deviceId: "a", userId: "b" }, impressionSequence: -1 }), (error) => {
      assert.ok(isYunxiError(error, "InvalidArgument"));
      assert.deepEqual(error.violations.map((v) => v.field).sort(), ["contentType", "impressionSequence", "kind", "owner", "sha256", "size"]);
      return true;
    });
    await assert.rejects(service.createUpload(admin, { kind: "photo", contentType: "image/png", size: 2_000_000, sha256: "a".repeat(64) }), failsWith("InvalidArgument"));
    assert.equal(repository.uploads.size, 0);
    await assert.rejects(service.completeUpload(admin, "not-a-uuid"), failsWith("InvalidArgument"));
    await assert.rejects(service.getMedia(admin, "../etc"), failsWith("InvalidArgument"));
    await assert.rejects(service.completeUpload(admin, "00000000-0000-4000-8000-000000000000"), failsWith("NotFound"));
  });

  it("refuses completion before any bytes arrived (FailedPrecondition, still completable) and after expiry", async () => {
    const created = await service.createUpload(member, { kind: "document", contentType: "application/pdf", size: 4, sha256: sha(Buffer.from("%PDF")) });
    await assert.rejects(service.completeUpload(member, created.upload.id), failsWith("FailedPrecondition"));
    await blobs.put(created.upload.stagingKey, Buffer.from("%PDF"), { contentType: "application/pdf" });
    now = new Date(now.getTime() + 3601_000);
    await assert.rejects(service.completeUpload(member, created.upload.id), failsWith("FailedPrecondition"));
    assert.deepEqual(await keysUnder(blobs, `media-staging/org-a/${created.upload.id}`), []);
  });

  it("a stored object changed at rest fails the download with an integrity error", async () => {
    const created = await stage(admin, randomBytes(5000));
    const item = await service.completeUpload(admin, created.upload.id);
    const stored = await buffer((await blobs.get(item.blobKey)).body);
    stored[stored.length - 100] = (stored[stored.length - 100] ?? 0) ^ 1;
    await blobs.put(item.blobKey, stored, { contentType: "application/octet-stream" });
    const content = await service.openContent(admin, item.id);
    await assert.rejects(buffer(content.body), (error: unknown) => error instanceof Error && /authentication/.test(error.message));
  });

  describe("device photos (upload token from the Authorise command)", () => {
    const uploads = createDeviceUploadTokens(TEST_SIGNING_SECRET);
    const grant = (extra: Partial<Parameters<typeof uploads.mint>[0]> = {}) =>
      uploads.mint({ organisationId: "org-a", deviceId: "dev-9", authorisationId: "auth-1", applicationId: "app-9", expiresAt: new Date(Date.now() + 60_000), ...extra });
    const photoOf = (text: string) => Buffer.concat([Buffer.from(`PNG-PAGE ${text} `), randomBytes(2000)]);

    it("stores the photo encrypted for the token's organisation, device and application; a retry returns the same item", async () => {
      const token = await grant();
      const photo = photoOf("one");
      const item = await service.storeDevicePhoto(token, { impressionSequence: 4, contentType: "image/png", sha256: sha(photo), data: photo });
      assert.deepEqual([item.organisationId, item.owner, item.applicationId, item.impressionSequence, item.kind, item.storedBy], ["org-a", { deviceId: "dev-9" }, "app-9", 4, "photo", "device:dev-9"]);
      const stored = await buffer((await blobs.get(item.blobKey)).body);
      assert.equal(stored.includes(photo.subarray(0, 32)), false, "ciphertext at rest");
      assert.deepEqual(await keysUnder(blobs, "media-staging/"), []);
      const again = await service.storeDevicePhoto(token, { impressionSequence: 4, contentType: "image/png", sha256: sha(photo), data: photo });
      assert.equal(again.id, item.id);
      assert.equal(keys.issued, 1, "the retry encrypted nothing again");
      // The administrator reads it back as the uploaded bytes.
      assert.deepEqual(await buffer((await service.openContent(admin, item.id)).body), photo);
    });

    it("refuses a different photo for the same impression, and changes nothing", async () => {
      const token = await grant();
      const photo = photoOf("first");
      const item = await service.storeDevicePhoto(token, { impressionSequence: 5, contentType: "image/png", sha256: sha(photo), data: photo });
      const other = photoOf("second");
      await assert.rejects(service.storeDevicePhoto(token, { impressionSequence: 5, contentType: "image/png", sha256: sha(other), data: other }), failsWith("AlreadyExists"));
      assert.deepEqual(await buffer((await service.openContent(admin, item.id)).body), photo);
    });

    it("refuses forged, expired and foreign-installation tokens, and bad input, storing nothing", async () => {
      const photo = photoOf("x");
      const input = { impressionSequence: 6, contentType: "image/png", sha256: sha(photo), data: photo };
      await assert.rejects(service.storeDevicePhoto("not-a-token", input), failsWith("Unauthenticated"));
      await assert.rejects(service.storeDevicePhoto(await grant({ expiresAt: new Date(Date.now() - 60_000) }), input), failsWith("Unauthenticated"));
      await assert.rejects(service.storeDevicePhoto(await createDeviceUploadTokens("another-installation-secret-32-chars!!").mint({ organisationId: "org-a", deviceId: "dev-9", authorisationId: "a", applicationId: "b", expiresAt: new Date(Date.now() + 60_000) }), input), failsWith("Unauthenticated"));
      const token = await grant();
      for (const bad of [
        { ...input, sha256: sha(Buffer.from("other")) },
        { ...input, impressionSequence: 0 },
        { ...input, contentType: "text/html" },
        { ...input, data: Buffer.alloc(0), sha256: sha(Buffer.alloc(0)) },
      ]) {
        await assert.rejects(service.storeDevicePhoto(token, bad), failsWith("InvalidArgument"), JSON.stringify({ ...bad, data: bad.data.length }));
      }
      assert.equal(keys.issued, 0);
      assert.deepEqual(await keysUnder(blobs, "media-staging/"), []);
    });

    it("an allowed internal service reads a photo for the organisation it names (recorded as a verification access); others cannot", async () => {
      const photo = photoOf("ocr");
      const item = await service.storeDevicePhoto(await grant(), { impressionSequence: 7, contentType: "image/png", sha256: sha(photo), data: photo });
      const ocr = verifier.service("ocr-verification", "org-a");
      assert.equal((await service.getMedia(ocr, item.id)).sha256, sha(photo));
      assert.deepEqual(await buffer((await service.openContent(ocr, item.id)).body), photo);
      assert.deepEqual((await repository.listAccesses("org-a", item.id)).map((a) => [a.accessedBy, a.purpose]), [["service:ocr-verification", "verification"]]);
      await assert.rejects(service.openContent(verifier.service("ocr-verification", "org-b"), item.id), failsWith("NotFound"));
      await assert.rejects(service.openContent(verifier.service("audit", "org-a"), item.id), failsWith("PermissionDenied"));
      await assert.rejects(service.openContent(adminB, item.id), failsWith("NotFound"));
    });
  });
});
