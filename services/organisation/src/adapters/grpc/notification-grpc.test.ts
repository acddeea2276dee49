import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import type { Client } from "@grpc/grpc-js";
import { applyMigrations, callUnary, createGrpcClient, EmbeddedPostgres, isYunxiError, type CallContext, type ErrorKind } from "@yunxi/platform";
import { captureLogs, startTestGrpcServer, startTestIssuer, type TestGrpcServer, type TestIssuer } from "@yunxi/platform/testing";
import { makeAlarmDelivery } from "../../app/alarm-delivery.js";
import { makeNotificationService } from "../../app/notification-service.js";
import { makeOrganisationService } from "../../app/organisation-service.js";
import { makeDestinationPolicy, parseNetworkList } from "../../domain/destination-policy.js";
import { SIGNATURE_HEADERS, webhookSignature } from "../../domain/notification.js";
import { PrismaNotificationRepository } from "../db/prisma-notification-repository.js";
import { organisationPrismaClient } from "../db/prisma-client.js";
import { MIGRATIONS_DIR } from "../db/prisma-under-test.js";
import { PrismaOrganisationRepository } from "../db/prisma-organisation-repository.js";
import { NodeHttpAlarmSender } from "../http/node-http-alarm-sender.js";
import { makeNotificationGrpc } from "./notification-grpc.js";
import { makeOrganisationGrpc, organisationServiceDefinition } from "./organisation-grpc.js";

interface ChannelReply { id: string; kind: string; name: string; urlHint: string; hasSecret: boolean; enabled: boolean; createdAt: string }
interface DeliveryReply { id: string; channelId: string; eventId: string; kind: string; state: string; attempts: number; lastStatus: number; lastError: string; deviceId: string }
interface Received { path: string; headers: IncomingHttpHeaders; body: string }

const failsWith = (kind: ErrorKind) => (error: unknown) => isYunxiError(error, kind);
const SECRET = "grpc-test-secret-0123456789";
const ROBOT_KEY = "robot-key-5f0e2c9a8b7d6e5f4a3b";

/** A local HTTP receiver: records every POST; `/fail` answers 500, `/robot` a WeCom-style errcode 0. */
async function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: HttpServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      if (req.url?.startsWith("/fail")) res.writeHead(500).end("no");
      else if (req.url?.startsWith("/robot")) res.writeHead(200, { "content-type": "application/json" }).end('{"errcode":0,"errmsg":"ok"}');
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe("notification channels over gRPC on embedded PGlite, with a local HTTP receiver", { timeout: 120_000 }, () => {
  let embedded: EmbeddedPostgres;
  let tokens: TestIssuer;
  let server: TestGrpcServer;
  let client: Client;
  let closePrisma: () => Promise<void>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let delivery: ReturnType<typeof makeAlarmDelivery>;
  const logs = captureLogs();
  const call = <Res>(method: string, request: unknown, context: CallContext) => callUnary<unknown, Res>(client, method, request, context, 10_000);
  const userCtx = async (sub: string, org: string, roles: string[]): Promise<CallContext> => {
    const { organisationId: _scoped, ...context } = await tokens.userContext(sub, org, roles);
    return context;
  };
  const newOrganisation = async (code: string, founder: string) =>
    (await call<{ id: string }>("CreateOrganisation", { name: code, code, founderUserId: founder }, await tokens.serviceContext("identity"))).id;

  before(async () => {
    tokens = await startTestIssuer();
    receiver = await startReceiver();
    embedded = await EmbeddedPostgres.open();
    const db = await embedded.database("organisation");
    await applyMigrations(db, MIGRATIONS_DIR, { schema: "organisation", logger: logs.logger });
    const prisma = organisationPrismaClient(db);
    closePrisma = () => prisma.$disconnect();
    const organisations = new PrismaOrganisationRepository(prisma);
    const notifications = new PrismaNotificationRepository(prisma);
    // The receiver runs on loopback, which the policy refuses unless allowed, as ORGANISATION_ALARM_DELIVERY_ALLOWED_NETWORKS would.
    const destinations = makeDestinationPolicy({ allowed: parseNetworkList("127.0.0.1/32").networks });
    const resolve = async (hostname: string) => {
      // A made-up name standing for a DNS answer an attacker controls; no real DNS is asked.
      if (hostname === "metadata.receiver.test") return [{ address: "169.254.169.254", family: 4 }];
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    };
    const sender = new NodeHttpAlarmSender({ policy: destinations, resolve });
    const service = makeOrganisationService({ repository: organisations, verifier: tokens.verifier, logger: logs.logger });
    const notificationService = makeNotificationService({ repository: notifications, organisations, sender, destinations, verifier: tokens.verifier, logger: logs.logger, timeoutMs: 5000 });
    delivery = makeAlarmDelivery({ repository: notifications, sender, logger: logs.logger, timeoutMs: 5000 });
    const { service: definition } = organisationServiceDefinition();
    server = await startTestGrpcServer([{ definition, implementation: { ...makeOrganisationGrpc(service, logs.logger), ...makeNotificationGrpc(notificationService, logs.logger) } }]);
    client = createGrpcClient(definition, { address: server.address });
  });

  after(async () => {
    client?.close();
    if (server) await server.close();
    await closePrisma?.();
    await embedded?.close();
    await receiver?.close();
    await tokens?.close();
  });

  it("manages channels without ever returning a secret or a URL's key", async () => {
    const org = await newOrganisation("NOTIFY-1", "u-admin-1");
    const admin = await userCtx("u-admin-1", org, ["administrator"]);
    const hook = await call<ChannelReply>("CreateNotificationChannel", { kind: "webhook", name: " Ops hook ", url: `${receiver.url}/hook?token=${ROBOT_KEY}`, secret: SECRET }, admin);
    assert.deepEqual([hook.kind, hook.name, hook.hasSecret, hook.enabled, hook.urlHint], ["webhook", "Ops hook", true, true, `${receiver.url}/hook?token=***`]);
    const robot = await call<ChannelReply>("CreateNotificationChannel", { kind: "wecom", name: "值班群", url: `${receiver.url}/robot/send?key=${ROBOT_KEY}` }, admin);
    const { channels } = await call<{ channels: ChannelReply[] }>("ListNotificationChannels", {}, admin);
    assert.deepEqual(channels.map((c) => c.id), [hook.id, robot.id]);
    const everything = JSON.stringify([hook, robot, channels]);
    assert.ok(!everything.includes(SECRET) && !everything.includes(ROBOT_KEY), "no reply carries a secret or a key");

    const off = await call<ChannelReply>("UpdateNotificationChannel", { id: robot.id, enabled: false, name: "值班群 (停用)" }, admin);
    assert.deepEqual([off.enabled, off.name, off.urlHint], [false, "值班群 (停用)", robot.urlHint]);
    await call("DeleteNotificationChannel", { id: robot.id }, admin);
    assert.deepEqual((await call<{ channels: ChannelReply[] }>("ListNotificationChannels", {}, admin)).channels.map((c) => c.id), [hook.id]);
    await assert.rejects(call("DeleteNotificationChannel", { id: robot.id }, admin), failsWith("NotFound"));
  });

  it("refuses bad input with every violation and creates nothing; members cannot manage channels", async () => {
    const org = await newOrganisation("NOTIFY-2", "u-admin-2");
    const admin = await userCtx("u-admin-2", org, ["administrator"]);
    await assert.rejects(call("CreateNotificationChannel", { kind: "webhook", name: "", url: "ftp://example.com/x", secret: "short" }, admin), (e: unknown) => {
      assert.ok(isYunxiError(e, "InvalidArgument"));
      assert.deepEqual(e.violations.map((v) => v.field), ["name", "url", "secret"]);
      return true;
    });
    await assert.rejects(call("CreateNotificationChannel", { kind: "sms", name: "x", url: "https://example.com" }, admin), failsWith("InvalidArgument"));
    await assert.rejects(call("UpdateNotificationChannel", { id: "not-a-uuid", name: "x" }, admin), failsWith("InvalidArgument"));
    assert.deepEqual((await call<{ channels: ChannelReply[] }>("ListNotificationChannels", {}, admin)).channels, []);
    const keeper = await userCtx("u-keeper-2", org, ["seal_keeper"]);
    await assert.rejects(call("CreateNotificationChannel", { kind: "webhook", name: "x", url: `${receiver.url}/x`, secret: SECRET }, keeper), failsWith("PermissionDenied"));
    await assert.rejects(call("ListNotificationChannels", {}, keeper), failsWith("PermissionDenied"));
    assert.deepEqual((await call<{ deliveries: DeliveryReply[] }>("ListAlarmDeliveries", {}, keeper)).deliveries, [], "the seal keeper may read deliveries");
    await assert.rejects(call("ListAlarmDeliveries", { state: "lost" }, admin), failsWith("InvalidArgument"));
    await assert.rejects(call("ListAlarmDeliveries", {}, await userCtx("u-member-2", org, ["member"])), failsWith("PermissionDenied"));
  });

  it("sends a signed test message and reports a receiver's refusal", async () => {
    const org = await newOrganisation("NOTIFY-3", "u-admin-3");
    const admin = await userCtx("u-admin-3", org, ["administrator"]);
    const good = await call<ChannelReply>("CreateNotificationChannel", { kind: "webhook", name: "good", url: `${receiver.url}/good`, secret: SECRET }, admin);
    const bad = await call<ChannelReply>("CreateNotificationChannel", { kind: "webhook", name: "bad", url: `${receiver.url}/fail`, secret: SECRET }, admin);
    const before = receiver.received.length;
    assert.deepEqual(await call("TestNotificationChannel", { id: good.id }, admin), { delivered: true, status: 204, error: "" });
    assert.deepEqual(await call("TestNotificationChannel", { id: bad.id }, admin), { delivered: false, status: 500, error: "HTTP 500" });
    const sent = receiver.received.slice(before);
    assert.deepEqual(sent.map((r) => r.path), ["/good", "/fail"]);
    const first = sent[0]!;
    const timestamp = String(first.headers[SIGNATURE_HEADERS.timestamp]);
    assert.equal(first.headers[SIGNATURE_HEADERS.signature], webhookSignature(SECRET, timestamp, first.body));
    assert.equal(JSON.parse(first.body).kind, "test");
  });

  it("refuses a refused destination: an IP literal at once, changing nothing; a host name when it resolves, failed without retry", async () => {
    const org = await newOrganisation("NOTIFY-5", "u-admin-5");
    const admin = await userCtx("u-admin-5", org, ["administrator"]);
    const channels = async () => (await call<{ channels: ChannelReply[] }>("ListNotificationChannels", {}, admin)).channels;
    await assert.rejects(call("CreateNotificationChannel", { kind: "webhook", name: "metadata", url: "http://169.254.169.254/latest/meta-data/", secret: SECRET }, admin), (e: unknown) => {
      assert.ok(isYunxiError(e, "InvalidArgument"));
      assert.deepEqual(e.violations, [{ field: "url", message: "destination 169.254.169.254 is not allowed (link-local)" }]);
      return true;
    });
    assert.deepEqual(await channels(), [], "nothing stored");
    const hook = await call<ChannelReply>("CreateNotificationChannel", { kind: "webhook", name: "ok", url: `${receiver.url}/ok`, secret: SECRET }, admin);
    for (const url of ["http://[::1]/x", "http://127.0.0.2/x", "http://[::ffff:169.254.169.254]/x"]) {
      await assert.rejects(call("UpdateNotificationChannel", { id: hook.id, url, name: "changed" }, admin), failsWith("InvalidArgument"), url);
    }
    assert.deepEqual((await channels()).map((c) => [c.name, c.urlHint]), [["ok", `${receiver.url}/ok`]], "unchanged");

    const named = await call<ChannelReply>("CreateNotificationChannel", { kind: "webhook", name: "named", url: "http://metadata.receiver.test/latest/meta-data/", secret: SECRET }, admin);
    const before = receiver.received.length;
    assert.deepEqual(await call("TestNotificationChannel", { id: named.id }, admin), { delivered: false, status: 0, error: "destination 169.254.169.254 is not allowed (link-local)" });
    const eventId = "7a1e0c4e-1111-4000-8000-000000000005";
    assert.equal(await delivery.record({ eventId, organisationId: org, source: "device", kind: "tamper", deviceId: "dev-5", applicationId: "", verificationId: "", sequence: "1", detail: "", occurredAt: new Date() }), 2);
    await delivery.deliverDue();
    const { deliveries } = await call<{ deliveries: DeliveryReply[] }>("ListAlarmDeliveries", {}, admin);
    assert.deepEqual(
      deliveries.map((d) => [d.channelId, d.state, d.attempts, d.lastError]).sort(),
      [[hook.id, "delivered", 1, ""], [named.id, "failed", 1, "destination 169.254.169.254 is not allowed (link-local)"]].sort(),
      "the refused delivery failed at its first attempt, no retry scheduled",
    );
    assert.deepEqual(receiver.received.slice(before).map((r) => r.path), ["/ok"]);
  });

  it("delivers a recorded alarm to the organisation's channels and lists what was sent", async () => {
    const org = await newOrganisation("NOTIFY-4", "u-admin-4");
    const admin = await userCtx("u-admin-4", org, ["administrator"]);
    const hook = await call<ChannelReply>("CreateNotificationChannel", { kind: "webhook", name: "hook", url: `${receiver.url}/alarm`, secret: SECRET }, admin);
    const robot = await call<ChannelReply>("CreateNotificationChannel", { kind: "wecom", name: "robot", url: `${receiver.url}/robot/send?key=${ROBOT_KEY}` }, admin);
    const eventId = "7a1e0c4e-1111-4000-8000-000000000004";
    const alarm = { eventId, organisationId: org, source: "device" as const, kind: "tamper", deviceId: "dev-9", applicationId: "", verificationId: "", sequence: "5", detail: "case opened", occurredAt: new Date() };
    assert.equal(await delivery.record(alarm), 2);
    assert.equal(await delivery.record(alarm), 0);
    const before = receiver.received.length;
    await delivery.deliverDue();
    const sent = receiver.received.slice(before);
    assert.deepEqual(sent.map((r) => r.path.split("?")[0]).sort(), ["/alarm", "/robot/send"]);
    const wecom = JSON.parse(sent.find((r) => r.path.startsWith("/robot"))!.body);
    assert.equal(wecom.msgtype, "text");
    assert.ok(wecom.text.content.includes("设备被拆卸/破坏") && wecom.text.content.includes("device tampered with") && wecom.text.content.includes("dev-9"));
    const { deliveries } = await call<{ deliveries: DeliveryReply[] }>("ListAlarmDeliveries", { state: "delivered" }, admin);
    assert.deepEqual(deliveries.map((d) => [d.channelId, d.eventId, d.kind, d.deviceId, d.attempts]).sort(), [[hook.id, eventId, "tamper", "dev-9", 1], [robot.id, eventId, "tamper", "dev-9", 1]].sort());
  });

  it("shows one organisation nothing of another's channels or deliveries (404 on its ids)", async () => {
    const a = await newOrganisation("NOTIFY-A", "u-a");
    const b = await newOrganisation("NOTIFY-B", "u-b");
    const adminA = await userCtx("u-a", a, ["administrator"]);
    const adminB = await userCtx("u-b", b, ["administrator"]);
    const hook = await call<ChannelReply>("CreateNotificationChannel", { kind: "webhook", name: "A's", url: `${receiver.url}/a`, secret: SECRET }, adminA);
    await delivery.record({ eventId: "7a1e0c4e-2222-4000-8000-00000000000a", organisationId: a, source: "device", kind: "press_timeout", deviceId: "dev-a", applicationId: "", verificationId: "", sequence: "1", detail: "", occurredAt: new Date() });
    assert.deepEqual((await call<{ channels: ChannelReply[] }>("ListNotificationChannels", {}, adminB)).channels, []);
    assert.deepEqual((await call<{ deliveries: DeliveryReply[] }>("ListAlarmDeliveries", {}, adminB)).deliveries, []);
    await assert.rejects(call("UpdateNotificationChannel", { id: hook.id, url: `${receiver.url}/stolen` }, adminB), failsWith("NotFound"));
    await assert.rejects(call("TestNotificationChannel", { id: hook.id }, adminB), failsWith("NotFound"));
    await assert.rejects(call("DeleteNotificationChannel", { id: hook.id }, adminB), failsWith("NotFound"));
    await assert.rejects(call("ListNotificationChannels", {}, { ...adminB, organisationId: a }), failsWith("PermissionDenied"));
    const mine = (await call<{ channels: ChannelReply[] }>("ListNotificationChannels", {}, adminA)).channels;
    assert.deepEqual(mine.map((c) => [c.id, c.urlHint]), [[hook.id, `${receiver.url}/a`]], "unchanged by B's attempts");
    assert.equal((await call<{ deliveries: DeliveryReply[] }>("ListAlarmDeliveries", {}, adminA)).deliveries.length, 1);
  });

  it("never logs a secret, a robot key or a token", () => {
    const log = logs.text();
    assert.ok(log.includes("notification channel created"));
    assert.ok(!log.includes(SECRET) && !log.includes(ROBOT_KEY));
    for (const token of tokens.issued) assert.ok(!log.includes(token.split(".")[2] ?? token));
  });
});
