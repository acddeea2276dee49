import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { createHash } from "node:crypto";
import { Server, ServerCredentials, type Client, type ServerWritableStream, type ServiceDefinition, type UntypedServiceImplementation } from "@grpc/grpc-js";
import {
  applyMigrations,
  callUnary,
  contextFromMetadata,
  createGrpcClient,
  createRootLogger,
  decodeEvent,
  encodeEvent,
  InProcessEventBus,
  isYunxiError,
  notFound,
  PgliteSqlDatabase,
  platformConfigSpec,
  SERVICE_CLAIM,
  ServiceTokenVerifier,
  toServiceError,
  type DeliveredMessage,
} from "@yunxi/platform";
import { startTestGrpcServer, startTestIssuer, type TestGrpcServer, type TestIssuer } from "@yunxi/platform/testing";
import { APPLICATION_SUBMITTED_TOPIC, applicationSubmittedType, MEDIA_STORED_TOPIC, mediaStoredType } from "./adapters/events/automatic-verification-consumers.js";
import { typeOf, VERIFICATION_ALARM_TOPIC } from "./adapters/events/verification-event-messages.js";
import { mediaServiceDefinition } from "./adapters/media/grpc-media-reader.js";
import { ocrVerificationConfig } from "./config.js";
import { ocrVerificationModule } from "./module.js";
import { imageOf, pageOf, samplePages } from "./testing/samples.js";

const SIGNING_SECRET = "module-test-signing-secret-0123456789abcdef";

describe("ocr-verification module: migrations, token checks, automatic verification, outbox to bus", { timeout: 180_000 }, () => {
  const stops: (() => Promise<void> | void)[] = [];
  let tokens: TestIssuer;
  let server: TestGrpcServer;
  let client: Client;
  let db: PgliteSqlDatabase;
  let bus: InProcessEventBus;
  let media: Server;
  const alarms: DeliveredMessage[] = [];
  // What the stand-in media service holds, and who asked it for what.
  const mediaObjects = new Map<string, { organisationId: string; bytes: Buffer; contentType: string }>();
  const mediaReads: { mediaId: string; service: unknown; organisation?: string }[] = [];
  const org = `org-${randomUUID()}`;
  const logger = createRootLogger({ level: "silent" });
  const token = (roles: string[], organisation = org) => tokens.sign({ yunxi_org: organisation, roles }, "user-1", "5m");
  const call = <Res>(method: string, request: unknown, bearerToken?: string) =>
    callUnary<unknown, Res>(client, method, request, { requestId: randomUUID(), ...(bearerToken ? { bearerToken } : {}) }, 60_000);

  before(async () => {
    tokens = await startTestIssuer({ path: "/oidc" });
    db = await PgliteSqlDatabase.open({ schema: "ocr_verification" });
    const migrationsDir = ocrVerificationModule.migrationsDir;
    assert.ok(migrationsDir);
    await applyMigrations(db, migrationsDir, { schema: "ocr_verification" });
    bus = InProcessEventBus.inMemory({ logger, pollIntervalMs: 50 });
    const subscription = await bus.subscribe({ groupId: "test-keeper", topics: [VERIFICATION_ALARM_TOPIC], handle: async (m) => void alarms.push(m) });
    stops.push(() => subscription.close());
    // A stand-in MediaService: GetMediaContent for the organisation the internal call names, service tokens only.
    const serviceTokens = new ServiceTokenVerifier(SIGNING_SECRET);
    media = new Server();
    media.addService(mediaServiceDefinition(), {
      GetMediaContent: (call: ServerWritableStream<{ mediaId: string }, unknown>) => {
        void (async () => {
          const context = contextFromMetadata(call.metadata);
          const principal = await serviceTokens.verify(context.bearerToken ?? "");
          mediaReads.push({ mediaId: call.request.mediaId, service: principal.claims[SERVICE_CLAIM], ...(context.organisationId ? { organisation: context.organisationId } : {}) });
          const object = mediaObjects.get(call.request.mediaId);
          if (!object || object.organisationId !== context.organisationId) throw notFound("media not found");
          const sha256 = createHash("sha256").update(object.bytes).digest("hex");
          call.write({ item: { mediaId: call.request.mediaId, contentType: object.contentType, size: String(object.bytes.length), sha256 }, data: object.bytes });
          call.end();
        })().catch((error: unknown) => call.emit("error", toServiceError(error, logger)));
      },
    });
    const mediaPort = await new Promise<number>((resolve, reject) => media.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
    let registered: { definition: ServiceDefinition; implementation: UntypedServiceImplementation } | undefined;
    const context = {
      name: "ocr-verification",
      config: ocrVerificationConfig.schema.parse({ THREADS: "1", OUTBOX_POLL_INTERVAL_MS: "50" }),
      platform: platformConfigSpec.schema.parse({ HTTP_PORT: new URL(tokens.issuer).port, CONNECT_TIMEOUT_MS: "3000", SIGNING_SECRET }),
      peers: { address: (name: string) => (name === "media" ? `127.0.0.1:${mediaPort}` : "127.0.0.1:1"), isLocal: () => false },
      logger,
      dataDir: "/nonexistent",
      grpc: { addService: (definition: ServiceDefinition, implementation: UntypedServiceImplementation) => void (registered = { definition, implementation }) },
      infrastructure: { database: async () => db, eventBus: async () => bus },
      onStop: (stop: () => Promise<void> | void) => void stops.push(stop),
    };
    // Only the parts of ModuleContext this module uses are provided.
    await ocrVerificationModule.start(context as unknown as Parameters<typeof ocrVerificationModule.start>[0]);
    assert.ok(registered);
    server = await startTestGrpcServer([{ definition: registered.definition, implementation: registered.implementation }]);
    client = createGrpcClient(registered.definition, { address: server.address });
  });

  after(async () => {
    client?.close();
    if (server) await server.close();
    for (const stop of stops.reverse()) await stop();
    await bus?.close();
    await db?.close();
    if (media) await new Promise<void>((resolve) => media.tryShutdown(() => resolve()));
    await tokens?.close();
  });

  it("refuses calls without a valid token or the needed permission", async () => {
    await assert.rejects(call("GetVerification", { verificationId: "x" }), (e) => isYunxiError(e, "Unauthenticated"));
    await assert.rejects(call("GetVerification", { verificationId: "x" }, "a.b.c"), (e) => isYunxiError(e, "Unauthenticated"));
    await assert.rejects(call("VerifyPhoto", { applicationId: "a", impressionId: "i", image: Buffer.from("x") }, await token(["member"])), (e) => isYunxiError(e, "PermissionDenied"));
  });

  it("stores a blank-page verdict and delivers the alarm to the seal keeper through outbox and bus", async () => {
    const samples = await samplePages();
    await call("RegisterOriginal", { applicationId: "app-1", pages: [{ text: pageOf(samples, "p02_lease").original }] }, await token(["member"]));
    const keeper = await token(["seal_keeper"]);
    const verification = await call<{ verificationId: string; verdict: string }>("VerifyPhoto", { applicationId: "app-1", impressionId: "dev-7:1", image: await imageOf(pageOf(samples, "b01_blank"), "photo") }, keeper);
    assert.equal(verification.verdict, "VERDICT_BLANK");
    const stored = await call<{ verdict: string }>("GetVerification", { verificationId: verification.verificationId }, keeper);
    assert.equal(stored.verdict, "VERDICT_BLANK");
    const deadline = Date.now() + 10_000;
    while (alarms.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(alarms.length, 1);
    const alarm = decodeEvent<{ verdict: string; impressionId: string; organisationId: string }>(alarms[0] as DeliveredMessage, typeOf("VerificationAlarm"));
    assert.deepEqual([alarm.payload.verdict, alarm.payload.impressionId, alarm.payload.organisationId], ["blank", "dev-7:1", org]);
    // Another organisation's token does not see it.
    await assert.rejects(call("GetVerification", { verificationId: verification.verificationId }, await token(["seal_keeper"], `other-${org}`)), (e) => isYunxiError(e, "NotFound"));
  });
  it("registers the original from ApplicationSubmitted and verifies the photo from MediaStored, readable over ListVerifications", async () => {
    const samples = await samplePages();
    const applicationId = randomUUID();
    const documentId = randomUUID();
    const photoId = randomUUID();
    const document = Buffer.from(pageOf(samples, "p02_lease").original ?? "", "utf8");
    const photo = await imageOf(pageOf(samples, "b01_blank"), "photo");
    mediaObjects.set(documentId, { organisationId: org, bytes: document, contentType: "text/plain" });
    mediaObjects.set(photoId, { organisationId: org, bytes: photo, contentType: "image/jpeg" });
    const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
    await bus.publish([
      encodeEvent({
        topic: APPLICATION_SUBMITTED_TOPIC,
        type: applicationSubmittedType(),
        organisationId: org,
        aggregateId: applicationId,
        payload: { applicationId, organisationId: org, applicantUserId: "user-applicant", impressionCount: 1, revision: 1, documents: [{ objectKey: documentId, sha256: sha(document), contentType: "text/plain" }] },
      }),
      encodeEvent({
        topic: MEDIA_STORED_TOPIC,
        type: mediaStoredType(),
        organisationId: org,
        aggregateId: photoId,
        payload: { mediaId: photoId, organisationId: org, kind: "photo", contentType: "image/jpeg", size: photo.length, sha256: sha(photo), ownerDeviceId: "dev-9", applicationId, impressionSequence: 3 },
      }),
    ]);
    const reader = await token(["auditor"]);
    const deadline = Date.now() + 60_000;
    let listed: { verifications: { verdict: string; mediaId: string; deviceId: string; impressionSequence: string; impressionId: string }[] } | undefined;
    while (Date.now() < deadline) {
      listed = await call<typeof listed>("ListVerifications", { applicationId }, reader).catch((e: unknown) => (isYunxiError(e, "NotFound") ? undefined : Promise.reject(e)));
      if (listed && listed.verifications.length > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(listed);
    assert.deepEqual(
      listed.verifications.map((v) => [v.verdict, v.mediaId, v.deviceId, v.impressionSequence, v.impressionId]),
      [["VERDICT_BLANK", photoId, "dev-9", "3", "dev-9:3"]],
    );
    // Media was asked with ocr-verification's own service token, for this organisation.
    assert.deepEqual(new Set(mediaReads.map((r) => `${r.mediaId}|${String(r.service)}|${r.organisation}`)), new Set([`${documentId}|ocr-verification|${org}`, `${photoId}|ocr-verification|${org}`]));
    // A member who is not the applicant may not read them; another organisation does not see the application.
    await assert.rejects(call("ListVerifications", { applicationId }, await token(["member"])), (e) => isYunxiError(e, "PermissionDenied"));
    await assert.rejects(call("ListVerifications", { applicationId }, await token(["auditor"], `other-${org}`)), (e) => isYunxiError(e, "NotFound"));
  });
});
