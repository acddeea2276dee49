import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { Server, ServerCredentials, type Client, type ServiceDefinition, type UntypedServiceImplementation } from "@grpc/grpc-js";
import { applyMigrations, callUnary, createGrpcClient, createRootLogger, decodeEvent, InProcessEventBus, isYunxiError, PgliteSqlDatabase, platformConfigSpec, type DeliveredMessage } from "@yunxi/platform";
import { startTestIssuer, type TestIssuer } from "@yunxi/platform/testing";
import { typeOf, VERIFICATION_ALARM_TOPIC } from "./adapters/events/verification-event-messages.js";
import { ocrVerificationConfig } from "./config.js";
import { ocrVerificationModule } from "./module.js";
import { imageOf, pageOf, samplePages } from "./testing/samples.js";

describe("ocr-verification module: migrations, token checks, outbox to bus", { timeout: 120_000 }, () => {
  const stops: (() => Promise<void> | void)[] = [];
  let tokens: TestIssuer;
  let server: Server;
  let client: Client;
  let db: PgliteSqlDatabase;
  let bus: InProcessEventBus;
  const alarms: DeliveredMessage[] = [];
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
    let registered: { definition: ServiceDefinition; implementation: UntypedServiceImplementation } | undefined;
    const context = {
      name: "ocr-verification",
      config: ocrVerificationConfig.schema.parse({ THREADS: "1", OUTBOX_POLL_INTERVAL_MS: "50" }),
      platform: platformConfigSpec.schema.parse({ HTTP_PORT: new URL(tokens.issuer).port, CONNECT_TIMEOUT_MS: "3000" }),
      logger,
      dataDir: "/nonexistent",
      grpc: { addService: (definition: ServiceDefinition, implementation: UntypedServiceImplementation) => void (registered = { definition, implementation }) },
      infrastructure: { database: async () => db, eventBus: async () => bus },
      onStop: (stop: () => Promise<void> | void) => void stops.push(stop),
    };
    // Only the parts of ModuleContext this module uses are provided.
    await ocrVerificationModule.start(context as unknown as Parameters<typeof ocrVerificationModule.start>[0]);
    assert.ok(registered);
    server = new Server();
    server.addService(registered.definition, registered.implementation);
    const port = await new Promise<number>((resolve, reject) => server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
    client = createGrpcClient(registered.definition, { address: `127.0.0.1:${port}` });
  });

  after(async () => {
    client?.close();
    if (server) await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
    for (const stop of stops.reverse()) await stop();
    await bus?.close();
    await db?.close();
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
});
