import assert from "node:assert/strict";
import { crc32 } from "node:zlib";
import { after, before, describe, it } from "node:test";
import type { Client } from "@grpc/grpc-js";
import { callUnary, createGrpcClient, decodeEvent, EmbeddedPostgres, isYunxiError, OutboxRelay, PERMISSIONS, type BusMessage, type EventBus, type Permission } from "@yunxi/platform";
import { startTestGrpcServer, type TestGrpcServer } from "@yunxi/platform/testing";
import { makeOcrVerificationService } from "../../app/ocr-verification-service.js";
import { sqlStoresUnderTest } from "../db/sql-under-test.js";
import { SqlOriginalStore, SqlThresholdProfileStore, SqlVerdictStore } from "../db/sql-verification-store.js";
import { PHOTO_VERIFIED_TOPIC, typeOf, VERIFICATION_ALARM_TOPIC } from "../events/verification-event-messages.js";
import { DEFAULT_DECODER_LIMITS, SharpPageDecoder } from "../image/sharp-page-decoder.js";
import { PaddleOnnxOcrEngine } from "../ocr/paddle-onnx-ocr-engine.js";
import type { OcrEngine } from "../../app/ports.js";
import { captureLogger, imageOf, pageOf, samplePages, type SamplePage } from "../../testing/samples.js";
import { makeOcrVerificationGrpc, ocrVerificationServiceDefinition, type Authenticate } from "./ocr-verification-grpc.js";

/** A PNG whose header claims a huge image: refused from its header, before anything is decoded. */
function pixelBombPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])), chunk("IEND", Buffer.alloc(0))]);
}

// Tests carry the permissions the token would grant in the bearer field; the real module verifies tokens (JWKS).
const stubAuthenticate: Authenticate = async (context) => {
  if (!context.organisationId) throw new Error("test call without organisation");
  const permissions = new Set((context.bearerToken ?? "").split(",").filter((p): p is Permission => (PERMISSIONS as readonly string[]).includes(p)));
  return { organisationId: context.organisationId, actor: `user-of-${context.organisationId}`, permissions };
};

describe("OcrVerificationService over gRPC (PGlite, outbox relay, PP-OCRv4)", { timeout: 300_000 }, () => {
  let server: TestGrpcServer;
  let client: Client;
  let embedded: EmbeddedPostgres;
  let relay: OutboxRelay;
  let engine: OcrEngine;
  let samples: Map<string, SamplePage>;
  const published: BusMessage[] = [];
  const { logger } = captureLogger();
  const all = PERMISSIONS.join(",");
  const ctx = { requestId: "t", organisationId: "org-a", bearerToken: all };
  const call = <Res>(method: string, request: unknown, context: typeof ctx = ctx) => callUnary<unknown, Res>(client, method, request, context, 120_000);
  const failure = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => assert.fail("expected the call to fail"),
      (e: unknown) => e,
    );
    assert.ok(isYunxiError(error), String(error));
    return error;
  };

  before(async () => {
    samples = await samplePages();
    embedded = await EmbeddedPostgres.open();
    const db = await embedded.database("ocr_verification");
    await sqlStoresUnderTest(db, "ocr_verification", async () => undefined);
    const bus: EventBus = { publish: async (messages) => void published.push(...messages), subscribe: async () => ({ close: async () => undefined }), close: async () => undefined };
    relay = new OutboxRelay({ db, bus, logger, pollIntervalMs: 50 });
    relay.start();
    engine = await PaddleOnnxOcrEngine.open({ threads: 1 });
    const service = makeOcrVerificationService({
      decoder: new SharpPageDecoder({ ...DEFAULT_DECODER_LIMITS, maxBytes: 1024 * 1024, maxPixels: 20_000_000 }),
      engine,
      originals: new SqlOriginalStore(db),
      verdicts: new SqlVerdictStore(db, () => relay.nudge()),
      profiles: new SqlThresholdProfileStore(db),
      logger,
    });
    const { service: definition } = ocrVerificationServiceDefinition();
    server = await startTestGrpcServer([{ definition, implementation: makeOcrVerificationGrpc(service, logger, stubAuthenticate) }], { "grpc.max_receive_message_length": 16 * 1024 * 1024 });
    client = createGrpcClient(definition, { address: server.address });
  });
  after(async () => {
    client?.close();
    if (server) await server.close();
    await relay?.stop();
    await engine?.close();
    await embedded?.close();
  });

  const lease = () => pageOf(samples, "p02_lease");

  it("registers an original split into clauses", async () => {
    const response = await call<{ applicationId: string; clausesPerPage: number[] }>("RegisterOriginal", { applicationId: "app-1", pages: [{ text: lease().original }] });
    assert.equal(response.applicationId, "app-1");
    assert.equal(response.clausesPerPage.length, 1);
    assert.ok((response.clausesPerPage[0] ?? 0) > 20);
  });

  it("calls a blank photo blank and publishes the verdict and an alarm without document text", async () => {
    const blank = await imageOf(pageOf(samples, "b01_blank"), "photo");
    const verification = await call<{ verdict: string; finalVerdict: string }>("VerifyPhoto", { applicationId: "app-1", impressionId: "dev-1:1", image: blank });
    assert.equal(verification.verdict, "VERDICT_BLANK");
    const deadline = Date.now() + 10_000;
    while (published.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const alarm = published.find((m) => m.topic === VERIFICATION_ALARM_TOPIC);
    const verified = published.find((m) => m.topic === PHOTO_VERIFIED_TOPIC);
    assert.ok(alarm && verified, `published: ${published.map((m) => m.topic).join(", ")}`);
    assert.equal(decodeEvent<{ verdict: string }>(alarm, typeOf("VerificationAlarm")).payload.verdict, "blank");
    const payload = decodeEvent<{ verdict: string; impressionId: string }>(verified, typeOf("PhotoVerified")).payload;
    assert.deepEqual([payload.verdict, payload.impressionId], ["blank", "dev-1:1"]);
    assert.equal(verified.key, "app-1");
  });

  it("refuses malformed, truncated, oversized and pixel-bomb images with InvalidArgument and keeps serving", async () => {
    const photo = await imageOf(lease(), "photo");
    const cases: [string, Buffer, RegExp][] = [
      ["garbage", Buffer.from("this is not an image at all, just some bytes"), /could not be decoded/],
      ["truncated JPEG", photo.subarray(0, Math.floor(photo.length / 3)), /could not be decoded/],
      ["too many bytes", Buffer.concat([photo, photo, photo, photo]), /larger than 1048576 bytes/],
      ["pixel bomb", pixelBombPng(60_000, 60_000), /more than 20000000 pixels/],
      ["empty", Buffer.alloc(0), /empty/],
    ];
    for (const [label, image, message] of cases) {
      const error = await failure(call("VerifyPhoto", { applicationId: "app-1", impressionId: `bad-${label.replaceAll(" ", "-")}`, image }));
      assert.equal(error.kind, "InvalidArgument", label);
      assert.match(error.message, message, label);
    }
    const ok = await call<{ verdict: string; page: number; similarity: number }>("VerifyPhoto", { applicationId: "app-1", impressionId: "dev-1:2", image: photo });
    assert.equal(ok.verdict, "VERDICT_MATCH");
    assert.equal(ok.page, 1);
  });

  it("lets a keeper overturn a verdict, and hides it from another organisation", async () => {
    const blank = await call<{ verificationId: string }>("VerifyPhoto", { applicationId: "app-1", impressionId: "dev-1:1", image: await imageOf(pageOf(samples, "b01_blank"), "photo") });
    const reviewed = await call<{ finalVerdict: string; verdict: string; reviews: { decision: string }[] }>("ReviewVerification", { verificationId: blank.verificationId, decision: "confirm", note: "blank sheet stamped" });
    assert.equal(reviewed.finalVerdict, "VERDICT_BLANK");
    assert.equal(reviewed.reviews.length, 1);
    const other = { requestId: "t2", organisationId: "org-b", bearerToken: all };
    assert.equal((await failure(call("GetVerification", { verificationId: blank.verificationId }, other))).kind, "NotFound");
    assert.equal((await failure(call("VerifyPhoto", { applicationId: "app-1", impressionId: "x", image: Buffer.from("x") }, other))).kind, "NotFound");
  });

  it("checks permissions", async () => {
    const readOnly = { requestId: "t3", organisationId: "org-a", bearerToken: "records.read" };
    assert.equal((await failure(call("VerifyPhoto", { applicationId: "app-1", impressionId: "y", image: Buffer.from("x") }, readOnly))).kind, "PermissionDenied");
    assert.equal((await failure(call("SetThresholdProfile", { name: "strict" }, readOnly))).kind, "PermissionDenied");
    const profile = await call<{ name: string; clauseMismatch: number }>("SetThresholdProfile", { name: "strict" });
    assert.equal(profile.name, "strict");
    assert.equal((await failure(call("SetThresholdProfile", { name: "sloppy" }))).kind, "InvalidArgument");
    // The open list is for keepers and readers of records, not for every member.
    const applicantOnly = { requestId: "t4", organisationId: "org-a", bearerToken: "application.create" };
    assert.equal((await failure(call("ListOpenVerifications", {}, applicantOnly))).kind, "PermissionDenied");
    const keeper = { requestId: "t5", organisationId: "org-a", bearerToken: "device.keep" };
    assert.ok(Array.isArray((await call<{ verifications: unknown[] }>("ListOpenVerifications", {}, keeper)).verifications));
  });

  it("lists open verdicts (not match, not reviewed) newest first, per organisation", async () => {
    const blank = await call<{ verificationId: string }>("VerifyPhoto", { applicationId: "app-1", impressionId: "dev-1:40", image: await imageOf(pageOf(samples, "b01_blank"), "photo") });
    const open = await call<{ verifications: { verificationId: string; verdict: string }[] }>("ListOpenVerifications", { limit: 1000 });
    assert.ok(open.verifications.some((v) => v.verificationId === blank.verificationId), "an unreviewed blank is open");
    assert.ok(open.verifications.every((v) => v.verdict !== "VERDICT_MATCH"), "matches are never open");
    const other = { requestId: "t6", organisationId: "org-b", bearerToken: all };
    assert.deepEqual((await call<{ verifications: unknown[] }>("ListOpenVerifications", {}, other)).verifications, []);
    assert.equal((await failure(call("ListOpenVerifications", { limit: 5000 }))).kind, "InvalidArgument");
  });
});
