import assert from "node:assert/strict";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Client, ClientReadableStream, Metadata, ServiceError } from "@grpc/grpc-js";
import {
  applyMigrations,
  callUnary,
  contextToMetadata,
  createGrpcClient,
  createRootLogger,
  decodeEvent,
  EmbeddedPostgres,
  fromServiceError,
  invalidArgument,
  isYunxiError,
  LocalBlobStore,
  notFound,
  unary,
  unauthenticated,
  type CallContext,
  type ErrorKind,
  type SqlDatabase,
} from "@yunxi/platform";
import { captureLogs, startTestGrpcServer, startTestIssuer, type TestGrpcServer, type TestIssuer } from "@yunxi/platform/testing";
import { fakeServiceDeps } from "../../app/test-fakes.js";
import { makeMediaService } from "../../app/media-service.js";
import { mediaPrismaClient, PrismaMediaRepository } from "../db/prisma-media-repository.js";
import { MIGRATIONS_DIR } from "../db/prisma-under-test.js";
import { mediaEventType } from "../events/media-events.js";
import { GrpcDataKeys, keyManagementServiceDefinition } from "../keys/grpc-data-keys.js";
import { makeMediaGrpc, mediaServiceDefinition } from "./media-grpc.js";

interface UploadReply { uploadId: string; uploadUrl: string; contentType: string; urlExpiresAt: string; expiresAt: string }
interface ItemReply { mediaId: string; organisationId: string; kind: string; size: string; storedSize: string; sha256: string; owner: { deviceId?: string; userId?: string }; keyName: string; keyVersion: number; storedBy: string }

const failsWith = (kind: ErrorKind) => (error: unknown) => isYunxiError(error, kind);
const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/**
 * A stand-in KeyManagementService speaking the real proto: per-organisation master keys, context bound as
 * AAD, organisation taken from x-yunxi-organisation as the real service does. It records who called.
 */
function fakeKeyManagement() {
  const masters = new Map<string, Buffer>();
  const keyRings = new Set<string>();
  const calls: { method: string; organisationId?: string; hasToken: boolean }[] = [];
  const logger = createRootLogger({ level: "silent" });
  const org = (context: CallContext, method: string) => {
    calls.push({ method, ...(context.organisationId ? { organisationId: context.organisationId } : {}), hasToken: context.bearerToken !== undefined });
    if (!context.organisationId) throw unauthenticated("no organisation");
    let master = masters.get(context.organisationId);
    if (!master) masters.set(context.organisationId, (master = randomBytes(32)));
    return { id: context.organisationId, master };
  };
  const implementation = {
    CreateKey: unary<{ name: string }, unknown>(logger, async (req, ctx) => {
      keyRings.add(`${org(ctx, "CreateKey").id}/${req.name}`);
      return { name: req.name, suite: "SUITE_AES_256_GCM", latestVersion: 1, minDecryptionVersion: 1, versions: [] };
    }),
    GenerateDataKey: unary<{ name: string; context: Buffer }, unknown>(logger, async (req, ctx) => {
      const { id, master } = org(ctx, "GenerateDataKey");
      if (!keyRings.has(`${id}/${req.name}`)) throw notFound(`key ${req.name} not found`);
      const plaintext = randomBytes(32);
      const nonce = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", master, nonce);
      cipher.setAAD(req.context);
      const body = Buffer.concat([nonce, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
      return { plaintext, ciphertext: `yunxi:v1:aes-256-gcm:${req.name}:1:qkd:${body.toString("base64url")}`, keyVersion: 1, securityLevel: "SECURITY_LEVEL_QKD" };
    }),
    Decrypt: unary<{ name: string; ciphertext: string; context: Buffer }, unknown>(logger, async (req, ctx) => {
      const { master } = org(ctx, "Decrypt");
      const body = Buffer.from(req.ciphertext.split(":").at(-1) ?? "", "base64url");
      const decipher = createDecipheriv("aes-256-gcm", master, body.subarray(0, 12));
      decipher.setAAD(req.context);
      decipher.setAuthTag(body.subarray(body.length - 16));
      try {
        return { plaintext: Buffer.concat([decipher.update(body.subarray(12, body.length - 16)), decipher.final()]) };
      } catch {
        throw invalidArgument("ciphertext does not authenticate");
      }
    }),
  };
  return { implementation, calls, keyRings };
}

describe("MediaService over gRPC on embedded PGlite, local blobs over HTTP, key-management over gRPC, tokens from a JWKS", { timeout: 180_000 }, () => {
  let embedded: EmbeddedPostgres;
  let db: SqlDatabase;
  let dir: string;
  let blobs: LocalBlobStore;
  let http: HttpServer;
  let tokens: TestIssuer;
  let kmServer: TestGrpcServer;
  let server: TestGrpcServer;
  let client: Client;
  let keys: GrpcDataKeys;
  let closePrisma: () => Promise<void>;
  const km = fakeKeyManagement();
  const logs = captureLogs();

  // No organisation header: the token alone scopes the caller (one test adds a mismatched header itself).
  const user = async (sub: string, org: string, roles: string[]): Promise<CallContext> => {
    const { organisationId: _scoped, ...context } = await tokens.userContext(sub, org, roles);
    return context;
  };
  const call = <Res>(method: string, request: unknown, context: CallContext) => callUnary<unknown, Res>(client, method, request, context, 20_000);
  const download = (mediaId: string, context: CallContext) =>
    new Promise<{ item: ItemReply; data: Buffer }>((resolve, reject) => {
      const stream = (client as unknown as { GetMediaContent: (req: unknown, md: Metadata, opts: unknown) => ClientReadableStream<{ item: ItemReply | null; data: Buffer }> }).GetMediaContent(
        { mediaId },
        contextToMetadata(context),
        { deadline: new Date(Date.now() + 20_000) },
      );
      let item: ItemReply | undefined;
      const parts: Buffer[] = [];
      stream.on("data", (message) => {
        if (message.item) item = message.item;
        parts.push(message.data);
      });
      stream.on("error", (error: ServiceError) => reject(fromServiceError(error)));
      stream.on("end", () => (item ? resolve({ item, data: Buffer.concat(parts) }) : reject(new Error("no item in the stream"))));
    });
  const put = (url: string, body: Buffer, contentType: string) => fetch(url, { method: "PUT", body, headers: { "content-type": contentType }, signal: AbortSignal.timeout(10_000) });

  before(async () => {
    tokens = await startTestIssuer();
    const logger = logs.logger;

    // Local blobs served over HTTP, as the gateway does in embedded mode: uploads go to presigned URLs.
    dir = await mkdtemp(join(tmpdir(), "media-grpc-"));
    http = createServer((req, res) => void blobs.handleBlobHttpRequest(req, res));
    await new Promise<void>((done) => http.listen(0, "127.0.0.1", done));
    blobs = new LocalBlobStore({ dataDir: dir, publicBaseUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, signingSecret: randomBytes(32) });
    await blobs.ensureReady();

    kmServer = await startTestGrpcServer([{ definition: keyManagementServiceDefinition(), implementation: km.implementation }]);
    keys = new GrpcDataKeys({ address: kmServer.address, keyName: "media", deadlineMs: 5000 });

    embedded = await EmbeddedPostgres.open();
    db = await embedded.database("media");
    await applyMigrations(db, MIGRATIONS_DIR, { schema: "media", logger });
    const prisma = mediaPrismaClient(db);
    closePrisma = () => prisma.$disconnect();
    const service = makeMediaService({ ...fakeServiceDeps(),
      repository: new PrismaMediaRepository(prisma),
      blobs,
      keys,
      verifier: tokens.verifier,
      clock: { now: () => new Date() },
      logger,
      settings: { deviceQuotaBytes: 50_000, maxObjectBytes: 10_000_000, uploadUrlSeconds: 600, uploadTtlSeconds: 3600, chunkBytes: 4096 },
    });
    const { service: definition } = mediaServiceDefinition();
    server = await startTestGrpcServer([{ definition, implementation: makeMediaGrpc(service, logger) }]);
    client = createGrpcClient(definition, { address: server.address });
  });

  after(async () => {
    client?.close();
    keys?.close();
    if (server) await server.close();
    if (kmServer) await kmServer.close();
    await closePrisma?.();
    await embedded?.close();
    await new Promise<void>((done) => (http ? http.close(() => done()) : done()));
    await tokens?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("uploads through a presigned URL, completes, stores ciphertext, streams the plaintext back and records the access", async () => {
    const keeper = await user("keeper-1", "org-a", ["administrator"]);
    const auditor = await user("auditor-1", "org-a", ["auditor"]);
    const photo = Buffer.concat([Buffer.from("PAGE PHOTO "), randomBytes(20_000)]);
    const upload = await call<UploadReply>("CreateUpload", { kind: "MEDIA_KIND_PHOTO", contentType: "image/jpeg", size: String(photo.length), sha256: sha(photo), owner: { deviceId: "dev-1" }, applicationId: "app-1", impressionSequence: "4" }, keeper);
    assert.equal((await put(upload.uploadUrl, photo, "image/jpeg")).status, 200);
    const item = await call<ItemReply>("CompleteUpload", { uploadId: upload.uploadId }, keeper);
    assert.equal(item.mediaId, upload.uploadId);
    assert.equal(item.kind, "MEDIA_KIND_PHOTO");
    assert.equal(item.size, String(photo.length));
    assert.equal(item.sha256, sha(photo));
    assert.deepEqual(item.owner.deviceId, "dev-1");
    assert.equal(item.keyName, "media");
    assert.equal(item.storedBy, "keeper-1");
    // Key-management saw the caller's organisation and token, and made the key ring on first use.
    assert.ok(km.keyRings.has("org-a/media"));
    assert.ok(km.calls.filter((c) => c.method === "GenerateDataKey").every((c) => c.organisationId === "org-a" && c.hasToken));

    const [row] = await db.query<{ blob_key: string; wrapped_key: string }>("SELECT blob_key, wrapped_key FROM media_item WHERE id = $1", [item.mediaId]);
    assert.ok(row);
    const stored = await blobs.get(row.blob_key);
    const storedBytes = Buffer.concat(await stored.body.toArray());
    assert.equal(storedBytes.includes(photo.subarray(0, 40)), false, "stored bytes are ciphertext");
    assert.equal(String(storedBytes.length), item.storedSize);
    assert.equal(row.wrapped_key.startsWith("yunxi:v1:"), true);

    const fetched = await download(item.mediaId, auditor);
    assert.deepEqual(fetched.data, photo);
    assert.equal(fetched.item.mediaId, item.mediaId);
    assert.equal((await call<ItemReply>("GetMedia", { mediaId: item.mediaId }, auditor)).sha256, sha(photo));
    const accesses = await db.query<{ accessed_by: string }>("SELECT accessed_by FROM media_access WHERE media_id = $1", [item.mediaId]);
    assert.deepEqual(accesses.map((a) => a.accessed_by), ["auditor-1"]);

    const outbox = await db.query<{ topic: string; key: string; headers: Record<string, string>; payload: Uint8Array }>("SELECT topic, key, headers, payload FROM outbox_event ORDER BY sequence");
    assert.deepEqual(outbox.map((o) => o.topic), ["yunxi.media.v1.media-stored", "yunxi.media.v1.media-accessed"]);
    const storedEvent = decodeEvent<{ sha256: string; ownerDeviceId: string; mediaId: string }>(
      { headers: outbox[0]!.headers, value: Buffer.from(outbox[0]!.payload) },
      mediaEventType("MediaStored"),
    );
    assert.equal(storedEvent.payload.sha256, sha(photo));
    assert.equal(storedEvent.payload.ownerDeviceId, "dev-1");
    assert.equal(storedEvent.metadata.organisationId, "org-a");

    // Nothing secret in the logs: no tokens, no data keys, no content.
    const log = logs.text();
    for (const token of tokens.issued) assert.equal(log.includes(token), false);
    assert.equal(log.includes(photo.subarray(0, 40).toString("base64")), false);
    assert.equal(log.includes(row.wrapped_key), false);
  });

  it("a SHA-256 mismatch is InvalidArgument with a field violation and leaves nothing behind", async () => {
    const member = await user("member-1", "org-a", ["member"]);
    const data = randomBytes(3000);
    const upload = await call<UploadReply>("CreateUpload", { kind: "MEDIA_KIND_DOCUMENT", contentType: "application/pdf", size: String(data.length), sha256: sha(Buffer.from("other")) }, member);
    assert.equal((await put(upload.uploadUrl, data, "application/pdf")).status, 200);
    await assert.rejects(call("CompleteUpload", { uploadId: upload.uploadId }, member), (e) => isYunxiError(e, "InvalidArgument") && e.violations[0]?.field === "sha256");
    const left: string[] = [];
    for await (const blob of blobs.list("media")) if (blob.key.includes(upload.uploadId)) left.push(blob.key);
    assert.deepEqual(left, []);
    assert.deepEqual(await db.query("SELECT id FROM media_item WHERE id = $1", [upload.uploadId]), []);
  });

  it("refuses over-quota completions with ResourceExhausted", async () => {
    const admin = await user("admin-q", "org-q", ["administrator"]);
    const big = randomBytes(40_000);
    const first = await call<UploadReply>("CreateUpload", { kind: "MEDIA_KIND_VIDEO", contentType: "video/mp4", size: String(big.length), sha256: sha(big), owner: { deviceId: "dev-q" } }, admin);
    const second = await call<UploadReply>("CreateUpload", { kind: "MEDIA_KIND_VIDEO", contentType: "video/mp4", size: String(big.length), sha256: sha(big), owner: { deviceId: "dev-q" } }, admin);
    await put(first.uploadUrl, big, "video/mp4");
    await put(second.uploadUrl, big, "video/mp4");
    await call("CompleteUpload", { uploadId: first.uploadId }, admin);
    await assert.rejects(call("CompleteUpload", { uploadId: second.uploadId }, admin), failsWith("ResourceExhausted"));
    await assert.rejects(call("CreateUpload", { kind: "MEDIA_KIND_PHOTO", contentType: "image/jpeg", size: "20000", sha256: "0".repeat(64), owner: { deviceId: "dev-q" } }, admin), failsWith("ResourceExhausted"));
    const [usage] = await db.query<{ used_bytes: bigint }>("SELECT used_bytes FROM device_usage WHERE organisation_id = 'org-q' AND device_id = 'dev-q'");
    assert.equal(usage?.used_bytes, 40_000n);
  });

  it("enforces permissions and tenant isolation on every method, the content stream included", async () => {
    const admin = await user("admin-2", "org-a", ["administrator"]);
    const member = await user("member-2", "org-a", ["member"]);
    const auditor = await user("auditor-2", "org-a", ["auditor"]);
    const outsider = await user("admin-b", "org-b", ["administrator"]);
    const data = randomBytes(100);
    const upload = await call<UploadReply>("CreateUpload", { kind: "MEDIA_KIND_PHOTO", contentType: "image/png", size: "100", sha256: sha(data), owner: { deviceId: "dev-2" } }, admin);
    await put(upload.uploadUrl, data, "image/png");
    await assert.rejects(call("CompleteUpload", { uploadId: upload.uploadId }, outsider), failsWith("NotFound"));
    await assert.rejects(call("CompleteUpload", { uploadId: upload.uploadId }, auditor), failsWith("PermissionDenied"));
    const item = await call<ItemReply>("CompleteUpload", { uploadId: upload.uploadId }, admin);

    await assert.rejects(call("CreateUpload", { kind: "MEDIA_KIND_PHOTO", contentType: "image/png", size: "1", sha256: "0".repeat(64), owner: { deviceId: "dev-2" } }, member), failsWith("PermissionDenied"));
    await assert.rejects(call("GetMedia", { mediaId: item.mediaId }, outsider), failsWith("NotFound"));
    await assert.rejects(download(item.mediaId, outsider), failsWith("NotFound"));
    await assert.rejects(call("GetMedia", { mediaId: item.mediaId }, member), failsWith("PermissionDenied"));
    await assert.rejects(download(item.mediaId, member), failsWith("PermissionDenied"));
    await assert.rejects(download(item.mediaId, { requestId: "anon" }), failsWith("Unauthenticated"));
    await assert.rejects(download(item.mediaId, { ...outsider, organisationId: "org-a" }), failsWith("PermissionDenied"));
    const forged = { requestId: "f", bearerToken: `${(outsider.bearerToken ?? "").slice(0, -4)}AAAA` };
    await assert.rejects(call("GetMedia", { mediaId: item.mediaId }, forged), failsWith("Unauthenticated"));
    assert.deepEqual(await db.query("SELECT id FROM media_access WHERE media_id = $1", [item.mediaId]), []);
  });

  it("rejects malformed requests with field violations", async () => {
    const admin = await user("admin-3", "org-a", ["administrator"]);
    await assert.rejects(call("CreateUpload", { kind: "MEDIA_KIND_UNSPECIFIED", contentType: "", size: "0", sha256: "" }, admin), (e) => {
      assert.ok(isYunxiError(e, "InvalidArgument"));
      assert.deepEqual(e.violations.map((v) => v.field).sort(), ["contentType", "kind", "sha256", "size"]);
      return true;
    });
    await assert.rejects(call("CreateUpload", { kind: "MEDIA_KIND_PHOTO", contentType: "image/png", size: "18446744073709551615", sha256: "0".repeat(64) }, admin), failsWith("InvalidArgument"));
    await assert.rejects(call("GetMedia", { mediaId: "nope" }, admin), failsWith("InvalidArgument"));
    await assert.rejects(download("nope", admin), failsWith("InvalidArgument"));
  });
});
