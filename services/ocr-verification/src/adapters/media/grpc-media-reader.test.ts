import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Server, ServerCredentials, type ServerWritableStream } from "@grpc/grpc-js";
import { contextFromMetadata, createRootLogger, isYunxiError, notFound, toServiceError } from "@yunxi/platform";
import { documentPages } from "./document-pages.js";
import { GrpcMediaReader, mediaServiceDefinition } from "./grpc-media-reader.js";

const CHUNKS = [Buffer.from("first "), Buffer.from("second "), Buffer.from("third")];
const CONTENT = Buffer.concat(CHUNKS);

describe("GrpcMediaReader against a stand-in MediaService", () => {
  let server: Server;
  let reader: GrpcMediaReader;
  const seen: { mediaId: string; token?: string; organisation?: string }[] = [];

  before(async () => {
    server = new Server();
    server.addService(mediaServiceDefinition(), {
      GetMediaContent: (call: ServerWritableStream<{ mediaId: string }, unknown>) => {
        const context = contextFromMetadata(call.metadata);
        seen.push({
          mediaId: call.request.mediaId,
          ...(context.bearerToken ? { token: context.bearerToken } : {}),
          ...(context.organisationId ? { organisation: context.organisationId } : {}),
        });
        const item = { mediaId: call.request.mediaId, contentType: "application/pdf", sha256: "c".repeat(64), size: String(CONTENT.length) };
        if (call.request.mediaId === "missing") {
          call.emit("error", toServiceError(notFound("media not found"), createRootLogger({ level: "silent" })));
          return;
        }
        if (call.request.mediaId === "lying") {
          // Declares a small size, then keeps sending.
          call.write({ item: { ...item, size: "4" }, data: Buffer.alloc(0) });
          for (let i = 0; i < 50 && !call.cancelled; i++) call.write({ data: Buffer.alloc(1024, 1) });
          call.end();
          return;
        }
        if (call.request.mediaId === "short") {
          call.write({ item, data: CHUNKS[0] });
          call.end();
          return;
        }
        call.write({ item, data: Buffer.alloc(0) });
        for (const chunk of CHUNKS) call.write({ data: chunk });
        call.end();
      },
    });
    const port = await new Promise<number>((resolve, reject) => server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
    reader = new GrpcMediaReader(`127.0.0.1:${port}`, async () => "service-token", 5000);
  });
  after(async () => {
    reader?.close();
    await new Promise<void>((done) => server.tryShutdown(() => done()));
  });

  it("reads the whole object with the service token and the object's organisation", async () => {
    const content = await reader.read("org-a", "media-1", 1024);
    assert.deepEqual(content, { bytes: CONTENT, contentType: "application/pdf", sha256: "c".repeat(64) });
    assert.deepEqual(seen.at(-1), { mediaId: "media-1", token: "service-token", organisation: "org-a" });
  });

  it("refuses an object larger than the cap from its declared size, and one that sends more than it declared", async () => {
    await assert.rejects(reader.read("org-a", "media-1", CONTENT.length - 1), (e) => isYunxiError(e, "ResourceExhausted"));
    await assert.rejects(reader.read("org-a", "lying", 2048), (e) => isYunxiError(e, "ResourceExhausted"));
  });

  it("maps media's refusals back to their kinds, and a truncated stream to an internal error", async () => {
    await assert.rejects(reader.read("org-a", "missing", 1024), (e) => isYunxiError(e, "NotFound"));
    await assert.rejects(reader.read("org-a", "short", 1024), (e) => isYunxiError(e, "Internal"));
  });
});

describe("documentPages", () => {
  it("splits UTF-8 text at form feeds and takes an image as one scanned page", async () => {
    assert.deepEqual(await documentPages(Buffer.from("第一页\f第二页"), "text/plain; charset=utf-8"), [{ text: "第一页" }, { text: "第二页" }]);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const pages = await documentPages(png, "application/octet-stream");
    assert.equal(pages.length, 1);
    assert.ok(pages[0] && "image" in pages[0]);
  });

  it("refuses what it cannot compare: other types, a type the bytes contradict, text that is not UTF-8", async () => {
    await assert.rejects(documentPages(Buffer.from("PK\u0003\u0004"), "application/msword"), (e) => isYunxiError(e, "InvalidArgument"));
    await assert.rejects(documentPages(Buffer.from("plain words"), "application/pdf"), (e) => isYunxiError(e, "InvalidArgument"));
    await assert.rejects(documentPages(Buffer.from([0xc3, 0x28]), "text/plain"), (e) => isYunxiError(e, "InvalidArgument"));
  });
});
