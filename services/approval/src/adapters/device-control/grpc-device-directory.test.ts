import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Server, ServerCredentials } from "@grpc/grpc-js";
import { createRootLogger, failedPrecondition, invalidArgument, isYunxiError, notFound, permissionDenied, unary } from "@yunxi/platform";
import { deviceControlServiceDefinition, GrpcDeviceDirectory } from "./grpc-device-directory.js";

const logger = createRootLogger({ level: "silent" });

describe("GrpcDeviceDirectory against a stand-in DeviceControlService", () => {
  let server: Server;
  let directory: GrpcDeviceDirectory;
  let unreachable: GrpcDeviceDirectory;
  const seen: { deviceId: string; token?: string | undefined; organisation?: string | undefined }[] = [];

  before(async () => {
    server = new Server();
    server.addService(deviceControlServiceDefinition(), {
      GetDevice: unary<{ deviceId: string }, unknown>(logger, async ({ deviceId }, context) => {
        seen.push({ deviceId, token: context.bearerToken, organisation: context.organisationId });
        const org = context.organisationId ?? "";
        const device = { id: deviceId, organisationId: org, serial: "SN", model: "YX-S1", status: "active", locked: true, lastSequence: "0", createdAt: "", lastSeenAt: "" };
        switch (deviceId) {
          case "dev-ok":
            return device;
          case "dev-revoked":
            return { ...device, status: "revoked" };
          case "dev-elsewhere":
            return { ...device, organisationId: "org-other" };
          case "dev-missing":
            throw notFound(`device ${deviceId} not found`);
          case "dev.dotted":
            throw invalidArgument("invalid device id", { violations: [{ field: "device_id", message: "A-Z a-z 0-9 _ -" }] });
          case "dev-denied":
            throw permissionDenied("service approval may not call this operation");
          default:
            throw failedPrecondition("unexpected");
        }
      }),
    });
    const port = await new Promise<number>((resolve, reject) => server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
    directory = new GrpcDeviceDirectory(`127.0.0.1:${port}`, async () => "approval-service-token", logger, 5000);
    // A port nothing listens on once the probe server is gone.
    const probe = new Server();
    const deadPort = await new Promise<number>((resolve, reject) => probe.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
    probe.forceShutdown();
    unreachable = new GrpcDeviceDirectory(`127.0.0.1:${deadPort}`, async () => "approval-service-token", logger, 1000);
  });
  after(async () => {
    directory?.close();
    unreachable?.close();
    await new Promise<void>((done) => server.tryShutdown(() => done()));
  });

  it("asks with approval's service token and the organisation, and reports the device's status", async () => {
    assert.deepEqual(await directory.standing("org-a", "dev-ok"), { status: "active", active: true });
    assert.deepEqual(seen.at(-1), { deviceId: "dev-ok", token: "approval-service-token", organisation: "org-a" });
    assert.deepEqual(await directory.standing("org-a", "dev-revoked"), { status: "revoked", active: false });
  });

  it("takes NotFound, an id device-control refuses, and a reply for another organisation as no such device", async () => {
    assert.equal(await directory.standing("org-a", "dev-missing"), undefined);
    assert.equal(await directory.standing("org-a", "dev.dotted"), undefined);
    assert.equal(await directory.standing("org-a", "dev-elsewhere"), undefined);
  });

  it("reports anything else, and device-control out of reach, as Unavailable", async () => {
    await assert.rejects(directory.standing("org-a", "dev-denied"), (e) => isYunxiError(e, "Unavailable"));
    await assert.rejects(unreachable.standing("org-a", "dev-ok"), (e) => isYunxiError(e, "Unavailable"));
  });
});
