import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { loadPackageDefinition, Server, ServerCredentials, type sendUnaryData, type ServerUnaryCall, type ServerWritableStream, type ServiceDefinition } from "@grpc/grpc-js";
import { contextFromMetadata, createRootLogger, notFound, toServiceError } from "@yunxi/platform";
import { eventually } from "@yunxi/platform/testing";
import { loadProtoDefinition } from "@yunxi/proto";
import { openApiDocument, withRoutes } from "../openapi.js";
import { makeMediaRoutes, mediaRoutes } from "./media.js";
import { routeTestGateway } from "./route-test-support.js";

const ID = "3f1c6f5e-0000-4000-8000-000000000000";
const ITEM = {
  mediaId: ID, organisationId: "org-a", kind: "MEDIA_KIND_PHOTO", contentType: "image/jpeg", size: "11", storedSize: "59", sha256: "b".repeat(64),
  owner: { deviceId: "dev-1" }, applicationId: "", impressionSequence: "3", keyName: "media", keyVersion: 1, storedBy: "u-1", createdAt: "2026-01-01T00:00:00.000Z",
};

describe("media routes", () => {
  let grpc: Server;
  const gateway = routeTestGateway((method) => {
    if (method === "CreateUpload") return { uploadId: ID, uploadUrl: "http://s3/put", contentType: "image/jpeg", urlExpiresAt: "2026-01-01T00:15:00.000Z", expiresAt: "2026-01-02T00:00:00.000Z" };
    return ITEM;
  });
  const { calls, send } = gateway;
  const streamed: { mediaId: string; token?: string }[] = [];
  interface PhotoCall {
    readonly request: { uploadToken: string; impressionSequence: string; contentType: string; sha256: string; data: Buffer };
    readonly token?: string;
    /** Milliseconds from arrival to the deadline the gateway set. */
    readonly deadlineInMs: number;
    answer(): void;
  }
  const photoCalls: PhotoCall[] = [];
  // Answered at once unless a test holds them (to see the gateway's deadline and overload answers).
  let holdPhotos = false;
  let port = 0;

  before(async () => {
    // A stand-in MediaService streaming content, to exercise the gateway's own streaming client.
    const loaded = loadPackageDefinition(loadProtoDefinition("yunxi/media/v1/media.proto")) as unknown as { yunxi: { media: { v1: { MediaService: { service: ServiceDefinition } } } } };
    grpc = new Server();
    grpc.addService(loaded.yunxi.media.v1.MediaService.service, {
      GetMediaContent: (call: ServerWritableStream<{ mediaId: string }, unknown>) => {
        const context = contextFromMetadata(call.metadata);
        streamed.push({ mediaId: call.request.mediaId, ...(context.bearerToken ? { token: context.bearerToken } : {}) });
        if (call.request.mediaId !== ID) {
          call.emit("error", toServiceError(notFound("media not found"), createRootLogger({ level: "silent" })));
          return;
        }
        call.write({ item: ITEM, data: Buffer.alloc(0) });
        call.write({ data: Buffer.from("hello ") });
        call.write({ data: Buffer.from("world") });
        call.end();
      },
      StoreDevicePhoto: (call: ServerUnaryCall<PhotoCall["request"], unknown>, callback: sendUnaryData<unknown>) => {
        const context = contextFromMetadata(call.metadata);
        const deadline = call.getDeadline();
        const photoCall: PhotoCall = {
          request: call.request,
          ...(context.bearerToken ? { token: context.bearerToken } : {}),
          deadlineInMs: (deadline instanceof Date ? deadline.getTime() : Number(deadline)) - Date.now(),
          answer: () => callback(null, ITEM),
        };
        photoCalls.push(photoCall);
        if (!holdPhotos) photoCall.answer();
      },
    });
    port = await new Promise<number>((resolve, reject) => grpc.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
    await gateway.start(mediaRoutes, { peers: { address: () => `127.0.0.1:${port}`, isLocal: () => false } });
  });
  after(async () => {
    await gateway.close();
    await new Promise<void>((done) => grpc.tryShutdown(() => done()));
  });

  it("maps uploads, completion and metadata to their RPCs with the caller's token", async () => {
    const created = await send("POST", "/api/v1/media/uploads", { kind: "photo", contentType: "image/jpeg", size: 11, sha256: "b".repeat(64), owner: { deviceId: "dev-1" }, impressionSequence: 3 });
    assert.equal(created.statusCode, 201, created.body);
    assert.deepEqual(created.json().upload, { method: "PUT", url: "http://s3/put", headers: { "content-type": "image/jpeg" }, expiresAt: "2026-01-01T00:15:00.000Z" });
    assert.deepEqual(calls.at(-1)?.request, { kind: "MEDIA_KIND_PHOTO", contentType: "image/jpeg", size: "11", sha256: "b".repeat(64), owner: { deviceId: "dev-1" }, applicationId: "", impressionSequence: "3" });
    const completed = await send("POST", `/api/v1/media/uploads/${ID}/complete`);
    assert.equal(completed.statusCode, 200);
    assert.deepEqual(completed.json(), { id: ID, organisationId: "org-a", kind: "photo", contentType: "image/jpeg", size: 11, storedSize: 59, sha256: "b".repeat(64), owner: { deviceId: "dev-1" }, impressionSequence: 3, keyName: "media", keyVersion: 1, storedBy: "u-1", createdAt: "2026-01-01T00:00:00.000Z" });
    assert.equal((await send("GET", `/api/v1/media/${ID}`)).json().id, ID);
    assert.deepEqual(calls.map((c) => [c.module, c.method, c.context.bearerToken]), [["media", "CreateUpload", "tok"], ["media", "CompleteUpload", "tok"], ["media", "GetMedia", "tok"]]);
    assert.deepEqual(calls[1]?.request, { uploadId: ID });
  });

  it("refuses malformed bodies before calling the service", async () => {
    calls.length = 0;
    const response = await send("POST", "/api/v1/media/uploads", { kind: "photo", contentType: "image/jpeg", size: -1, sha256: "x", extra: true });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(response.json().error.violations.map((v: { field: string }) => v.field).sort(), ["body", "size"]);
    assert.equal(calls.length, 0);
  });

  it("streams content with the item's type and length, and maps a refusal before the first byte to JSON", async () => {
    const ok = await send("GET", `/api/v1/media/${ID}/content`);
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.body, "hello world");
    assert.equal(ok.headers["content-type"], "image/jpeg");
    assert.equal(ok.headers["content-length"], "11");
    assert.equal(ok.headers["cache-control"], "private, no-store");
    const missing = await send("GET", "/api/v1/media/00000000-0000-4000-8000-000000000000/content");
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.kind, "NotFound");
    assert.deepEqual(streamed.map((s) => s.token), ["tok", "tok"]);
  });

  it("passes a device's photo with its upload token inside the request, never as a bearer token, and refuses bad uploads", async () => {
    calls.length = 0;
    const photo = Buffer.from("\x89PNG page photo");
    const sha = "c".repeat(64);
    const put = (url: string, headers: Record<string, string>, payload: Buffer | string) => gateway.app.inject({ method: "PUT", url, headers, payload });
    photoCalls.length = 0;
    const stored = await put("/api/v1/device-photos/7", { authorization: "Bearer upload-tok", "content-type": "image/png", "x-yunxi-sha256": sha }, photo);
    assert.equal(stored.statusCode, 200, stored.body);
    assert.equal(stored.json().id, ID);
    assert.equal(photoCalls.length, 1);
    const call = photoCalls[0];
    assert.deepEqual({ ...call?.request, data: Buffer.from(call?.request.data ?? []) }, { uploadToken: "upload-tok", impressionSequence: "7", contentType: "image/png", sha256: sha, data: photo });
    assert.equal(call?.token, undefined, "the capability never travels as a user token");
    // The upload deadline (30 s by default), not the 5 s every other call gets.
    assert.ok(call && call.deadlineInMs > 25_000 && call.deadlineInMs <= 30_000, `deadline ${call?.deadlineInMs} ms`);
    photoCalls.length = 0;
    assert.equal((await put("/api/v1/device-photos/7", { "content-type": "image/png", "x-yunxi-sha256": sha }, photo)).statusCode, 401);
    const badSequence = await put("/api/v1/device-photos/0", { authorization: "Bearer upload-tok", "content-type": "image/png", "x-yunxi-sha256": sha }, photo);
    assert.equal(badSequence.statusCode, 400);
    assert.equal((await put("/api/v1/device-photos/7", { authorization: "Bearer upload-tok", "content-type": "image/png" }, photo)).statusCode, 400);
    assert.equal((await put("/api/v1/device-photos/7", { authorization: "Bearer upload-tok", "content-type": "text/html", "x-yunxi-sha256": sha }, "<p>")).statusCode, 415);
    assert.deepEqual(calls, [], "refused uploads never reach media");
    assert.deepEqual(photoCalls, [], "refused uploads never reach media");
  });

  it("gives uploads the configured deadline, and answers a missed deadline or too many uploads at once with 503 and Retry-After", async () => {
    const tuned = routeTestGateway(() => ITEM);
    await tuned.start(makeMediaRoutes({ devicePhotoDeadlineMs: 400, devicePhotoConcurrency: 1, devicePhotoRetryAfterSeconds: 7 }), { peers: { address: () => `127.0.0.1:${port}`, isLocal: () => false } });
    const put = (sequence: number) =>
      tuned.app.inject({ method: "PUT", url: `/api/v1/device-photos/${sequence}`, headers: { authorization: "Bearer upload-tok", "content-type": "image/png", "x-yunxi-sha256": "d".repeat(64) }, payload: Buffer.from("photo") });
    holdPhotos = true;
    photoCalls.length = 0;
    try {
      const first = put(1);
      // Wait (bounded) until media holds the first upload, so the second finds the one slot taken.
      await eventually("the first upload reaching media", () => (photoCalls.length > 0 ? true : undefined));
      assert.equal(photoCalls.length, 1, "the first upload reached media");
      assert.ok((photoCalls[0]?.deadlineInMs ?? 0) <= 400, `configured deadline used: ${photoCalls[0]?.deadlineInMs} ms`);
      const shed = await put(2);
      assert.equal(shed.statusCode, 503, shed.body);
      assert.equal(shed.headers["retry-after"], "7");
      assert.equal(shed.json().error.kind, "Unavailable");
      assert.equal(photoCalls.length, 1, "a shed upload never reaches media");
      const late = await first;
      assert.equal(late.statusCode, 503, "media held it past the deadline");
      assert.equal(late.headers["retry-after"], "7");
      // The slot is free again once the first upload ended.
      holdPhotos = false;
      const again = await put(1);
      assert.equal(again.statusCode, 200, again.body);
      assert.equal(again.headers["retry-after"], undefined);
    } finally {
      holdPhotos = false;
      for (const held of photoCalls) held.answer();
      await tuned.close();
    }
  });

  it("refuses route options that are not whole positive numbers", () => {
    assert.throws(() => makeMediaRoutes({ devicePhotoDeadlineMs: 0 }), (error: Error & { kind?: string }) => error.kind === "InvalidArgument" && /devicePhotoDeadlineMs/.test(JSON.stringify(error)));
    assert.throws(() => makeMediaRoutes({ devicePhotoConcurrency: 1.5 }), (error: Error & { kind?: string }) => error.kind === "InvalidArgument");
  });

  it("describes every route in the OpenAPI document", () => {
    const document = withRoutes(openApiDocument, [mediaRoutes]) as { paths: Record<string, Record<string, unknown>> };
    for (const [path, method] of [["/api/v1/media/uploads", "post"], ["/api/v1/media/uploads/{id}/complete", "post"], ["/api/v1/media/{id}", "get"], ["/api/v1/media/{id}/content", "get"]] as const) {
      assert.ok(document.paths[path]?.[method], `${method} ${path}`);
    }
  });
});
