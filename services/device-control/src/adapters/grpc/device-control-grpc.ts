import type { ServiceDefinition, UntypedServiceImplementation } from "@grpc/grpc-js";
import { loadPackageDefinition } from "@grpc/grpc-js";
import type { PackageDefinition } from "@grpc/proto-loader";
import { authenticate, authenticateUserOrService, unary, type Caller, type CallContext, type Logger, type TokenVerifier } from "@yunxi/platform";
import { loadProtoDefinition } from "@yunxi/proto";
import type { AuthorisationView, DeviceControl } from "../../app/device-control-service.js";
import type { CommandKeyInfo, DeviceRecords } from "../../app/ports.js";
import type { Alarm } from "../../domain/alarms.js";
import type { Device } from "../../domain/device.js";

export const DEVICE_CONTROL_PROTO = "yunxi/device_control/v1/device_control.proto";

/** The package definition and service definition of DeviceControlService. */
export function deviceControlServiceDefinition(): { packageDefinition: PackageDefinition; service: ServiceDefinition } {
  const packageDefinition = loadProtoDefinition(DEVICE_CONTROL_PROTO);
  const loaded = loadPackageDefinition(packageDefinition) as unknown as {
    yunxi: { device_control: { v1: { DeviceControlService: { service: ServiceDefinition } } } };
  };
  return { packageDefinition, service: loaded.yunxi.device_control.v1.DeviceControlService.service };
}

const deviceMessage = (d: Device) => ({
  id: d.id,
  organisationId: d.organisationId,
  serial: d.serial,
  model: d.model,
  status: d.status,
  locked: d.locked,
  lastSequence: String(d.lastSequence),
  createdAt: d.createdAt.toISOString(),
  lastSeenAt: d.lastSeenAt?.toISOString() ?? "",
});

const keyMessage = (k: CommandKeyInfo) => ({ publicKey: Buffer.from(k.publicKey).toString("base64"), publicKeyPem: k.publicKeyPem, keyId: k.keyId });

const authorisationMessage = (a: AuthorisationView) => ({
  id: a.id,
  deviceId: a.deviceId,
  applicationId: a.applicationId,
  userId: a.userId,
  impressions: a.impressions,
  remaining: a.remaining,
  expiresAt: a.expiresAt.toISOString(),
  commandStatus: a.commandStatus,
});

const recordsMessage = (r: DeviceRecords) => ({
  impressions: r.events
    .filter((e) => e.kind === "impression")
    .map((e) => ({
      sequence: String(e.sequence),
      deviceTime: e.deviceTime.toISOString(),
      receivedAt: e.receivedAt.toISOString(),
      authorisationId: e.authorisationId ?? "",
      applicationId: e.applicationId ?? "",
      userId: e.userId ?? "",
      photoRef: e.photoRef ?? "",
      authorised: e.authorised ?? false,
    })),
  alarms: r.events
    .filter((e) => e.kind === "alarm" || (e.kind === "impression" && e.authorised === false))
    .map((e) => ({
      sequence: String(e.sequence),
      kind: e.kind === "alarm" ? (e.alarmKind ?? "") : "unauthorised_attempt",
      detail: e.detail ?? "",
      deviceTime: e.deviceTime.toISOString(),
    })),
  locks: r.events.filter((e) => e.kind === "locked").map((e) => ({ sequence: String(e.sequence), reason: e.lockReason ?? "", deviceTime: e.deviceTime.toISOString() })),
  gaps: r.gaps.map((g) => ({ fromSequence: String(g.from), toSequence: String(g.to), detectedAt: g.detectedAt.toISOString() })),
});

const alarmMessage = (a: Alarm) => ({
  id: a.id,
  deviceId: a.deviceId,
  kind: a.kind,
  detail: a.detail,
  sequence: String(a.sequence),
  deviceTime: a.deviceTime.toISOString(),
  raisedAt: a.raisedAt.toISOString(),
  ...(a.acknowledged ? { acknowledged: { by: a.acknowledged.by, at: a.acknowledged.at.toISOString(), note: a.acknowledged.note } } : {}),
});

/** Services whose own tokens may call GetDevice for the organisation they name (approval, before binding a seal). */
export const DEVICE_READER_SERVICES: readonly string[] = ["approval"];

/**
 * gRPC handlers: every call authenticates the token, then the use case checks the permission and scopes by
 * organisation. GetDevice alone also takes a service token of {@link DEVICE_READER_SERVICES}, scoped to
 * the organisation in `x-yunxi-organisation`.
 */
export function makeDeviceControlGrpc(service: DeviceControl, verifier: TokenVerifier, logger: Logger): UntypedServiceImplementation {
  const handle = <Req, Res>(fn: (request: Req, caller: Caller) => Promise<Res>) =>
    unary<Req, Res>(logger, async (request: Req, context: CallContext) => fn(request, await authenticate(verifier, context)));

  return {
    CreateDevice: handle<{ serial: string; model: string }, unknown>(async (req, caller) => {
      const provisioned = await service.createDevice(caller, { serial: req.serial, model: req.model });
      return { device: deviceMessage(provisioned.device), secret: provisioned.secret, brokerUrl: provisioned.brokerUrl, commandKey: keyMessage(provisioned.commandKey) };
    }),
    GetDevice: unary<{ deviceId: string }, unknown>(logger, async (req, context) => {
      const actor = await authenticateUserOrService(verifier, context, DEVICE_READER_SERVICES);
      const device =
        actor.kind === "user" ? await service.getDevice(actor.caller, req.deviceId) : await service.getDeviceForService(actor.organisationId, req.deviceId);
      return deviceMessage(device);
    }),
    ListDevices: handle<Record<string, never>, unknown>(async (_req, caller) => ({ devices: (await service.listDevices(caller)).map(deviceMessage) })),
    RevokeDevice: handle<{ deviceId: string }, unknown>(async (req, caller) => deviceMessage(await service.revokeDevice(caller, req.deviceId))),
    IssueAuthorisation: handle<{ deviceId: string; applicationId: string; userId: string; impressions: number; ttlSeconds: number }, unknown>(async (req, caller) =>
      authorisationMessage(
        await service.issueAuthorisationAs(caller, {
          deviceId: req.deviceId,
          applicationId: req.applicationId,
          userId: req.userId,
          impressions: req.impressions,
          ttlSeconds: req.ttlSeconds,
        }),
      ),
    ),
    ListDeviceRecords: handle<{ deviceId: string }, unknown>(async (req, caller) => recordsMessage(await service.listRecords(caller, req.deviceId))),
    ListAlarms: handle<{ state: string; limit: number; before: string }, unknown>(async (req, caller) => {
      const page = await service.listAlarms(caller, { state: req.state, limit: req.limit, before: req.before });
      return { alarms: page.alarms.map(alarmMessage), nextBefore: page.nextBefore ?? "" };
    }),
    AcknowledgeAlarm: handle<{ alarmId: string; note: string }, unknown>(async (req, caller) =>
      alarmMessage(await service.acknowledgeAlarm(caller, { alarmId: req.alarmId, note: req.note })),
    ),
    GetCommandKey: handle<Record<string, never>, unknown>(async () => keyMessage(service.commandKey())),
  };
}
