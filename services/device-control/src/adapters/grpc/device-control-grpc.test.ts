import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Client } from "@grpc/grpc-js";
import {
  callUnary,
  createGrpcClient,
  createServiceTokens,
  EmbeddedPostgres,
  isYunxiError,
  ServiceAwareTokenVerifier,
  ServiceTokenVerifier,
  type ErrorKind,
  createDeviceUploadTokens,
} from "@yunxi/platform";
import { captureLogs, startTestGrpcServer, startTestIssuer, type TestGrpcServer, type TestIssuer } from "@yunxi/platform/testing";
import { makeDeviceControl } from "../../app/device-control-service.js";
import type { CommandTransport, DeviceCredentials } from "../../app/ports.js";
import { Ed25519CommandSigner } from "../crypto/ed25519-command-signer.js";
import { PrismaDeviceRepository } from "../db/prisma-device-repository.js";
import { migratedPrisma } from "../db/test-database.js";
import { encodeDeviceControlEvents } from "../events/device-control-events.js";
import type { PrismaClient } from "../../generated/prisma/client.js";
import { deviceControlServiceDefinition, makeDeviceControlGrpc } from "./device-control-grpc.js";

/** Records what would reach the broker, so tests can see registrations and sends. */
class RecordingBroker implements DeviceCredentials, CommandTransport {
  readonly brokerUrl = "mqtt://broker.test:1883";
  readonly registered = new Map<string, string>();
  readonly sent: string[] = [];
  async registerDevice(deviceId: string, secret: string): Promise<void> {
    this.registered.set(deviceId, secret);
  }
  async revokeDevice(deviceId: string): Promise<void> {
    this.registered.delete(deviceId);
  }
  async sendCommand(deviceId: string): Promise<void> {
    this.sent.push(deviceId);
  }
  async acknowledgeEvents(): Promise<void> {}
}

describe("DeviceControlService over gRPC (tokens from a local JWKS issuer, PGlite)", { timeout: 120_000 }, () => {
  let tokens: TestIssuer;
  let server: TestGrpcServer;
  let client: Client;
  let embedded: EmbeddedPostgres;
  let prisma: PrismaClient;
  let repository: PrismaDeviceRepository;
  const broker = new RecordingBroker();
  const logs = captureLogs();

  const token = (org: string, roles: string[], subject = "user-1") => tokens.sign({ yunxi_org: org, roles }, subject, "5m");
  // Internal service tokens, checked beside the users' JWKS exactly as createTokenVerifier wires them.
  const SERVICE_SECRET = "device-control-grpc-test-service-secret-32";
  const serviceToken = (service: string) => createServiceTokens(SERVICE_SECRET, service).token();
  const call = async <Res>(method: string, request: unknown, bearer?: string, organisationId?: string) =>
    callUnary<unknown, Res>(client, method, request, { requestId: "t", ...(bearer ? { bearerToken: bearer } : {}), ...(organisationId ? { organisationId } : {}) }, 15_000);
  const rejectsWith = (promise: Promise<unknown>, kind: ErrorKind, field?: string) =>
    assert.rejects(promise, (error: unknown) => isYunxiError(error, kind) && (field === undefined || error.violations.some((v) => v.field === field)));

  before(async () => {
    tokens = await startTestIssuer();
    embedded = await EmbeddedPostgres.open();
    prisma = await migratedPrisma(await embedded.database("device_control"));
    const logger = logs.logger;
    repository = new PrismaDeviceRepository(prisma, encodeDeviceControlEvents);
    const service = makeDeviceControl({
      repository,
      credentials: broker,
      signer: Ed25519CommandSigner.generate(),
      transport: broker,
      clock: { now: () => new Date() },
      logger,
      uploadTokens: createDeviceUploadTokens("device-control-grpc-test-secret-32-chars"),
      photoUploadGraceSeconds: 3600,
    });
    const definition = deviceControlServiceDefinition();
    server = await startTestGrpcServer([{ definition: definition.service, implementation: makeDeviceControlGrpc(service, new ServiceAwareTokenVerifier(tokens.verifier, new ServiceTokenVerifier(SERVICE_SECRET)), logger) }]);
    client = createGrpcClient(definition.service, { address: server.address });
  });
  after(async () => {
    client?.close();
    if (server) await server.close();
    await prisma?.$disconnect();
    await embedded?.close();
    await tokens?.close();
  });

  it("provisions a device, returns its secret once, registers it with the broker and never logs the secret", async () => {
    const admin = await token("org-a", ["administrator"]);
    const created = await call<{ device: { id: string; status: string; locked: boolean }; secret: string; brokerUrl: string; commandKey: { publicKey: string; keyId: string } }>(
      "CreateDevice",
      { serial: "SN-A-1", model: "YX-S1" },
      admin,
    );
    assert.equal(created.device.status, "active");
    assert.equal(created.brokerUrl, broker.brokerUrl);
    assert.equal(Buffer.from(created.commandKey.publicKey, "base64").length, 32);
    assert.equal(broker.registered.get(created.device.id), created.secret);
    const fetched = await call<Record<string, unknown>>("GetDevice", { deviceId: created.device.id }, admin);
    assert.equal(fetched["secret"], undefined);
    assert.ok(!logs.text().includes(created.secret), "the device secret reached the log");
    await rejectsWith(call("CreateDevice", { serial: "SN-A-1", model: "YX-S1" }, admin), "AlreadyExists");
  });

  it("refuses calls without a valid token and callers without the permission", async () => {
    await rejectsWith(call("ListDevices", {}), "Unauthenticated");
    await rejectsWith(call("ListDevices", {}, "not.a.token"), "Unauthenticated");
    const member = await token("org-a", ["member"]);
    await rejectsWith(call("CreateDevice", { serial: "SN-M", model: "m" }, member), "PermissionDenied");
    await rejectsWith(call("ListDevices", {}, member), "PermissionDenied");
    const auditor = await token("org-a", ["auditor"]);
    const devices = await call<{ devices: { id: string }[] }>("ListDevices", {}, auditor);
    assert.ok(devices.devices.length >= 1, "records.read may list devices");
    await rejectsWith(call("IssueAuthorisation", { deviceId: devices.devices[0]?.id, applicationId: "a", userId: "u", impressions: 1, ttlSeconds: 60 }, auditor), "PermissionDenied");
  });

  it("keeps organisations apart: org B sees, authorises and revokes nothing of org A", async () => {
    const adminA = await token("org-a", ["administrator"]);
    const adminB = await token("org-b", ["administrator"]);
    const { device } = await call<{ device: { id: string } }>("CreateDevice", { serial: "SN-A-2", model: "YX-S1" }, adminA);
    await rejectsWith(call("GetDevice", { deviceId: device.id }, adminB), "NotFound");
    await rejectsWith(call("ListDeviceRecords", { deviceId: device.id }, adminB), "NotFound");
    await rejectsWith(call("IssueAuthorisation", { deviceId: device.id, applicationId: "a", userId: "u", impressions: 1, ttlSeconds: 60 }, adminB), "NotFound");
    await rejectsWith(call("RevokeDevice", { deviceId: device.id }, adminB), "NotFound");
    assert.deepEqual((await call<{ devices: unknown[] }>("ListDevices", {}, adminB)).devices, []);
    assert.ok(broker.registered.has(device.id), "org B's revoke attempt changed nothing");
    // The same serial is free in another organisation.
    await call("CreateDevice", { serial: "SN-A-2", model: "YX-S1" }, adminB);
  });

  it("issues an authorisation as a pending signed command, and refuses bad input field by field, changing nothing", async () => {
    const admin = await token("org-a", ["administrator"]);
    const { device } = await call<{ device: { id: string } }>("CreateDevice", { serial: "SN-A-3", model: "YX-S1" }, admin);
    const sentBefore = broker.sent.length;
    await rejectsWith(call("IssueAuthorisation", { deviceId: device.id, applicationId: "a", userId: "u", impressions: 0, ttlSeconds: 60 }, admin), "InvalidArgument", "impressions");
    await rejectsWith(call("IssueAuthorisation", { deviceId: device.id, applicationId: "", userId: "u", impressions: 1, ttlSeconds: 0 }, admin), "InvalidArgument", "ttl_seconds");
    await rejectsWith(call("CreateDevice", { serial: "bad serial/1", model: "" }, admin), "InvalidArgument", "serial");
    await rejectsWith(call("GetDevice", { deviceId: "../etc" }, admin), "InvalidArgument", "device_id");
    assert.equal(broker.sent.length, sentBefore, "refused requests sent nothing");
    const issued = await call<{ id: string; impressions: number; remaining: number; commandStatus: string }>(
      "IssueAuthorisation",
      { deviceId: device.id, applicationId: "app-9", userId: "user-9", impressions: 2, ttlSeconds: 300 },
      admin,
    );
    assert.deepEqual([issued.impressions, issued.remaining, issued.commandStatus], [2, 2, "pending"]);
    assert.equal(broker.sent.at(-1), device.id);
    const revoked = await call<{ status: string }>("RevokeDevice", { deviceId: device.id }, admin);
    assert.equal(revoked.status, "revoked");
    assert.equal(broker.registered.has(device.id), false);
    await rejectsWith(call("IssueAuthorisation", { deviceId: device.id, applicationId: "a", userId: "u", impressions: 1, ttlSeconds: 60 }, admin), "FailedPrecondition");
  });

  it("lets approval's service token read a device of the organisation it names, and nothing else", async () => {
    const adminA = await token("org-a", ["administrator"]);
    const { device } = await call<{ device: { id: string } }>("CreateDevice", { serial: "SN-A-SVC", model: "YX-S1" }, adminA);
    const approval = await serviceToken("approval");
    const read = await call<{ id: string; organisationId: string; status: string }>("GetDevice", { deviceId: device.id }, approval, "org-a");
    assert.deepEqual([read.id, read.organisationId, read.status], [device.id, "org-a", "active"]);
    // Scoped to the named organisation: A's device is not found for B, nor is a device that does not exist.
    await rejectsWith(call("GetDevice", { deviceId: device.id }, approval, "org-b"), "NotFound");
    await rejectsWith(call("GetDevice", { deviceId: "dev-nowhere" }, approval, "org-a"), "NotFound");
    await rejectsWith(call("GetDevice", { deviceId: "../etc" }, approval, "org-a"), "InvalidArgument", "device_id");
    // A service token must name the organisation it acts for.
    await rejectsWith(call("GetDevice", { deviceId: device.id }, approval), "InvalidArgument");
    // Only approval's: another service's token is refused, and no other RPC takes approval's.
    await rejectsWith(call("GetDevice", { deviceId: device.id }, await serviceToken("media"), "org-a"), "PermissionDenied");
    await rejectsWith(call("ListDevices", {}, approval, "org-a"), "PermissionDenied");
    await rejectsWith(call("RevokeDevice", { deviceId: device.id }, approval, "org-a"), "PermissionDenied");
    // A service token signed with any other secret is not one of ours.
    const forged = await createServiceTokens("some-other-deployment-secret-32-chars", "approval").token();
    await rejectsWith(call("GetDevice", { deviceId: device.id }, forged, "org-a"), "Unauthenticated");
    // The status tells approval a revoked device from an active one.
    await call("RevokeDevice", { deviceId: device.id }, adminA);
    assert.equal((await call<{ status: string }>("GetDevice", { deviceId: device.id }, approval, "org-a")).status, "revoked");
    // Users still go through their permission: a member has neither device.manage nor records.read.
    await rejectsWith(call("GetDevice", { deviceId: device.id }, await token("org-a", ["member"])), "PermissionDenied");
  });

  type AlarmMessage = { id: string; deviceId: string; kind: string; detail: string; sequence: string; acknowledged: { by: string; at: string; note: string } | null };

  /** A device of `org` that reported a tamper alarm (sequence 1), as the MQTT link would store it. */
  const deviceWithAlarm = async (org: string, serial: string): Promise<string> => {
    const { device } = await call<{ device: { id: string } }>("CreateDevice", { serial, model: "YX-S1" }, await token(org, ["administrator"]));
    const stored = await repository.deviceById(device.id);
    assert.ok(stored);
    await repository.recordEvent(stored, { sequence: 1n, deviceTime: new Date(), body: { kind: "alarm", alarm: "tamper", detail: "case opened" } }, new Date());
    return device.id;
  };

  it("lists the organisation's open alarms for a seal keeper and acknowledges one once, announcing it; others see and touch nothing", async () => {
    const deviceId = await deviceWithAlarm("org-alarms", "SN-ALARM-1");
    await deviceWithAlarm("org-alarms-other", "SN-ALARM-2");
    const keeper = await token("org-alarms", ["seal_keeper"], "keeper-1");
    const open = await call<{ alarms: AlarmMessage[]; nextBefore: string }>("ListAlarms", {}, keeper);
    assert.deepEqual(open.alarms.map((a) => [a.deviceId, a.kind, a.detail, a.sequence]), [[deviceId, "tamper", "case opened", "1"]]);
    assert.equal(open.alarms[0]?.acknowledged, null, "an open alarm carries no acknowledgement");
    assert.equal(open.nextBefore, "");
    const alarmId = open.alarms[0]?.id ?? "";

    // records.read may list but not acknowledge; a member may do neither; another organisation finds nothing.
    const auditor = await token("org-alarms", ["auditor"]);
    assert.equal((await call<{ alarms: AlarmMessage[] }>("ListAlarms", { state: "all" }, auditor)).alarms.length, 1);
    await rejectsWith(call("AcknowledgeAlarm", { alarmId, note: "" }, auditor), "PermissionDenied");
    await rejectsWith(call("ListAlarms", {}, await token("org-alarms", ["member"])), "PermissionDenied");
    const foreignKeeper = await token("org-alarms-other", ["seal_keeper"], "keeper-x");
    await rejectsWith(call("AcknowledgeAlarm", { alarmId, note: "not mine" }, foreignKeeper), "NotFound");
    assert.ok((await call<{ alarms: AlarmMessage[] }>("ListAlarms", { state: "all" }, foreignKeeper)).alarms.every((a) => a.id !== alarmId));

    // Bad input is refused field by field and changes nothing.
    await rejectsWith(call("ListAlarms", { state: "closed" }, keeper), "InvalidArgument", "state");
    await rejectsWith(call("ListAlarms", { limit: 1001 }, keeper), "InvalidArgument", "limit");
    await rejectsWith(call("ListAlarms", { before: "abc" }, keeper), "InvalidArgument", "before");
    await rejectsWith(call("AcknowledgeAlarm", { alarmId: "nope", note: "" }, keeper), "InvalidArgument", "alarm_id");
    await rejectsWith(call("AcknowledgeAlarm", { alarmId, note: "x".repeat(1001) }, keeper), "InvalidArgument", "note");
    const outbox = async () => (await prisma.outboxEvent.findMany({ where: { key: deviceId }, orderBy: { sequence: "asc" } })).map((r) => r.topic);
    assert.deepEqual(await outbox(), ["yunxi.device-control.v1.alarm-raised"]);

    const acknowledged = await call<AlarmMessage>("AcknowledgeAlarm", { alarmId, note: "seal inspected, case resealed" }, keeper);
    assert.equal(acknowledged.acknowledged?.by, "keeper-1");
    assert.equal(acknowledged.acknowledged?.note, "seal inspected, case resealed");
    const second = await call<AlarmMessage>("AcknowledgeAlarm", { alarmId, note: "again" }, await token("org-alarms", ["seal_keeper"], "keeper-2"));
    assert.deepEqual(second.acknowledged, acknowledged.acknowledged, "a second acknowledgement returns the first");
    assert.deepEqual(await outbox(), ["yunxi.device-control.v1.alarm-raised", "yunxi.device-control.v1.alarm-acknowledged"], "announced once, for the ledger");
    assert.deepEqual((await call<{ alarms: AlarmMessage[] }>("ListAlarms", { state: "open" }, keeper)).alarms, []);
    assert.deepEqual((await call<{ alarms: AlarmMessage[] }>("ListAlarms", { state: "all", limit: 5 }, keeper)).alarms.map((a) => a.acknowledged?.by), ["keeper-1"]);
  });
});
