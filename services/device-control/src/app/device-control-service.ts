import { randomBytes, randomUUID } from "node:crypto";
import { failedPrecondition, notFound, requirePermission, type Caller, type Logger, type Permission } from "@yunxi/platform";
import type { Authorisation } from "../domain/authorisation.js";
import type { Command, CommandStatus, StoredCommand } from "../domain/commands.js";
import { validateAuthorisationRequest, type AuthorisationRequest } from "../domain/commands.js";
import { requireDeviceId, validateNewDevice, type Device, type NewDeviceInput } from "../domain/device.js";
import type { DeviceEventInput, RecordOutcome } from "../domain/device-events.js";
import type { Clock, CommandKeyInfo, CommandSigner, CommandTransport, DeviceCredentials, DeviceRecords, DeviceRepository } from "./ports.js";

export interface DeviceControlDeps {
  readonly repository: DeviceRepository;
  readonly credentials: DeviceCredentials;
  readonly signer: CommandSigner;
  readonly transport: CommandTransport;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface ProvisionedDevice {
  readonly device: Device;
  /** Shown once to the caller; never stored or logged. */
  readonly secret: string;
  readonly brokerUrl: string;
  readonly commandKey: CommandKeyInfo;
}

export type AuthorisationView = Authorisation & { readonly commandStatus: CommandStatus };

export interface CommandAckInput {
  readonly commandId: string;
  readonly status: "accepted" | "duplicate" | "refused";
  readonly reason: string;
}

/** The use cases of device-control, built from ports (plain factory). */
export function makeDeviceControl(deps: DeviceControlDeps) {
  const { repository, credentials, signer, transport, clock, logger } = deps;

  const requireAny = (caller: Caller, permissions: readonly Permission[]): void => {
    if (permissions.some((p) => caller.permissions.has(p))) return;
    requirePermission(caller, permissions[0] as Permission);
  };

  const scopedDevice = async (caller: Caller, deviceId: string): Promise<Device> => {
    requireDeviceId(deviceId);
    const device = await repository.getDevice(caller.organisationId, deviceId);
    // Another organisation's device is reported exactly like a missing one.
    if (!device) throw notFound(`device ${deviceId} not found`);
    return device;
  };

  /** Publishes pending commands; a device that is offline gets them from its persistent session or on its next hello. */
  const sendPending = async (deviceId: string): Promise<number> => {
    const pending = await repository.pendingCommands(deviceId, clock.now());
    for (const command of pending) await transport.sendCommand(deviceId, command.envelope);
    if (pending.length > 0) await repository.markSent(pending.map((c) => c.id), clock.now());
    return pending.length;
  };

  /** The use case the approval→device event will call too: signs and queues one Authorise command. */
  const issueAuthorisation = async (organisationId: string, input: AuthorisationRequest): Promise<AuthorisationView> => {
    const request = validateAuthorisationRequest(input);
    const device = await repository.getDevice(organisationId, request.deviceId);
    if (!device) throw notFound(`device ${request.deviceId} not found`);
    if (device.status !== "active") throw failedPrecondition(`device ${request.deviceId} is revoked`);
    const issuedAt = clock.now();
    const expiresAt = new Date(issuedAt.getTime() + request.ttlSeconds * 1000);
    const authorisationId = randomUUID();
    const command: Command = {
      commandId: randomUUID(),
      nonce: randomBytes(16),
      issuedAt,
      expiresAt,
      deviceId: device.id,
      body: {
        kind: "authorise",
        authorisationId,
        applicationId: request.applicationId,
        userId: request.userId,
        impressions: request.impressions,
        validUntil: expiresAt,
      },
    };
    const stored: StoredCommand = {
      id: command.commandId,
      deviceId: device.id,
      organisationId,
      kind: "authorise",
      envelope: signer.seal(command),
      expiresAt,
      status: "pending",
    };
    const authorisation: Authorisation = {
      id: authorisationId,
      deviceId: device.id,
      organisationId,
      applicationId: request.applicationId,
      userId: request.userId,
      impressions: request.impressions,
      remaining: request.impressions,
      issuedAt,
      expiresAt,
      commandId: command.commandId,
    };
    await repository.saveAuthorisation(authorisation, stored);
    logger.info({ deviceId: device.id, authorisationId, commandId: command.commandId, impressions: request.impressions }, "authorisation issued");
    // Stored first: if this send fails the command goes out on the device's next hello or our next start.
    await sendPending(device.id).catch((error: unknown) => logger.warn({ deviceId: device.id, err: error }, "command send deferred"));
    return { ...authorisation, commandStatus: "pending" };
  };

  return {
    issueAuthorisation,
    sendPending,

    async createDevice(caller: Caller, input: NewDeviceInput): Promise<ProvisionedDevice> {
      requirePermission(caller, "device.manage");
      const { serial, model } = validateNewDevice(input);
      const device: Device = {
        id: `dev-${randomUUID()}`,
        organisationId: caller.organisationId,
        serial,
        model,
        status: "active",
        locked: true,
        lastSequence: 0n,
        createdAt: clock.now(),
      };
      const created = await repository.createDevice(device);
      const secret = randomBytes(32).toString("base64url");
      try {
        await credentials.registerDevice(created.id, secret);
      } catch (error) {
        // Without a broker credential the device is useless; do not leave a half-provisioned row behind.
        await repository.setDeviceStatus(caller.organisationId, created.id, "revoked").catch(() => undefined);
        throw error;
      }
      logger.info({ deviceId: created.id, organisationId: caller.organisationId, serial }, "device provisioned");
      return { device: created, secret, brokerUrl: credentials.brokerUrl, commandKey: signer.key };
    },

    async getDevice(caller: Caller, deviceId: string): Promise<Device> {
      requireAny(caller, ["device.manage", "records.read"]);
      return scopedDevice(caller, deviceId);
    },

    async listDevices(caller: Caller): Promise<Device[]> {
      requireAny(caller, ["device.manage", "records.read"]);
      return repository.listDevices(caller.organisationId);
    },

    async revokeDevice(caller: Caller, deviceId: string): Promise<Device> {
      requirePermission(caller, "device.manage");
      const device = await scopedDevice(caller, deviceId);
      if (device.status === "revoked") return device;
      await credentials.revokeDevice(device.id).catch((error: unknown) => {
        // Already gone at the broker (e.g. a restored broker): revoking here is still right.
        if ((error as { kind?: string }).kind !== "NotFound") throw error;
      });
      const revoked = await repository.setDeviceStatus(caller.organisationId, device.id, "revoked");
      logger.info({ deviceId: device.id }, "device revoked");
      return revoked;
    },

    async issueAuthorisationAs(caller: Caller, request: AuthorisationRequest): Promise<AuthorisationView> {
      requirePermission(caller, "device.manage");
      return issueAuthorisation(caller.organisationId, request);
    },

    async listRecords(caller: Caller, deviceId: string): Promise<DeviceRecords> {
      requirePermission(caller, "records.read");
      const device = await scopedDevice(caller, deviceId);
      return repository.listRecords(caller.organisationId, device.id);
    },

    commandKey(): CommandKeyInfo {
      return signer.key;
    },

    // ---- traffic from devices (authenticated by the broker: the topic names the device) ----

    async deviceHello(deviceId: string): Promise<number> {
      const device = await repository.deviceById(deviceId);
      if (!device || device.status !== "active") return 0;
      await repository.markSeen(deviceId, clock.now());
      return sendPending(deviceId);
    },

    async commandAcknowledged(deviceId: string, ack: CommandAckInput): Promise<boolean> {
      const known = await repository.acknowledgeCommand(deviceId, ack.commandId, ack.status, ack.reason, clock.now());
      if (ack.status === "refused") logger.warn({ deviceId, commandId: ack.commandId, reason: ack.reason }, "device refused a command");
      return known;
    },

    /** Stores the event exactly once and acknowledges it (duplicates too, so the device can drop them). */
    async deviceEvent(deviceId: string, event: DeviceEventInput): Promise<RecordOutcome | undefined> {
      const device = await repository.deviceById(deviceId);
      if (!device || device.status !== "active") {
        logger.warn({ deviceId }, "event from an unknown or revoked device dropped");
        return undefined;
      }
      const outcome = await repository.recordEvent(device, event, clock.now());
      await transport.acknowledgeEvents(deviceId, [event.sequence]);
      if (outcome.gap) logger.warn({ deviceId, from: String(outcome.gap.from), to: String(outcome.gap.to) }, "device event sequence gap");
      return outcome;
    },

    async expireCommands(): Promise<number> {
      return repository.expireCommands(clock.now());
    },
  };
}

export type DeviceControl = ReturnType<typeof makeDeviceControl>;
