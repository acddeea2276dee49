import { randomBytes, randomUUID } from "node:crypto";
import { failedPrecondition, isYunxiError, notFound, requirePermission, type Caller, type DeviceUploadTokens, type Logger, type Permission } from "@yunxi/platform";
import { validateAcknowledgement, validateAlarmQuery, type Alarm, type AlarmPage } from "../domain/alarms.js";
import type { Authorisation } from "../domain/authorisation.js";
import type { Command, CommandStatus, StoredCommand } from "../domain/commands.js";
import { validateAuthorisationRequest, type AuthorisationRequest } from "../domain/commands.js";
import { requireDeviceId, validateNewDevice, type Device, type NewDeviceInput } from "../domain/device.js";
import type { DeviceEventInput, RecordOutcome } from "../domain/device-events.js";
import type { Clock, CommandKeyInfo, CommandSigner, CommandTransport, ConsumedEvent, DeviceCredentials, DeviceRecords, DeviceRepository } from "./ports.js";

export interface DeviceControlDeps {
  readonly repository: DeviceRepository;
  readonly credentials: DeviceCredentials;
  readonly signer: CommandSigner;
  readonly transport: CommandTransport;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Mints the photo upload capability carried by each Authorise command. */
  readonly uploadTokens: DeviceUploadTokens;
  /** How long after an authorisation ends its photos may still be uploaded (a device offline for a while). */
  readonly photoUploadGraceSeconds: number;
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

/** An approved application as device-control needs it (from approval's `ApplicationApproved` event). */
export interface ApprovedApplication {
  /** The approving organisation: the only one whose devices this approval may authorise. */
  readonly organisationId: string;
  readonly applicationId: string;
  /** The device holding the seal at approval time. */
  readonly deviceId: string;
  readonly applicantUserId: string;
  readonly impressions: number;
  readonly ttlSeconds: number;
  /** When it was approved; an approval older than the authorisation lifetime is refused. */
  readonly approvedAt?: Date;
}

/** What became of one approval: issued, refused (alarm raised), or nothing because it was handled before. */
export type ApprovalOutcome =
  | { readonly outcome: "issued"; readonly authorisation: AuthorisationView }
  | { readonly outcome: "refused"; readonly reason: string }
  | { readonly outcome: "already-handled" };

/** The use cases of device-control, built from ports (plain factory). */
export function makeDeviceControl(deps: DeviceControlDeps) {
  const { repository, credentials, signer, transport, clock, logger, uploadTokens } = deps;

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

  /**
   * Signs and queues one Authorise command. With `consumed`, the authorisation is stored only if that event
   * was not handled before (undefined then: nothing issued, nothing sent).
   */
  const issue = async (organisationId: string, input: AuthorisationRequest, consumed?: ConsumedEvent): Promise<AuthorisationView | undefined> => {
    const request = validateAuthorisationRequest(input);
    const device = await repository.getDevice(organisationId, request.deviceId);
    if (!device) throw notFound(`device ${request.deviceId} not found`);
    if (device.status !== "active") throw failedPrecondition(`device ${request.deviceId} is revoked`);
    const issuedAt = clock.now();
    const expiresAt = new Date(issuedAt.getTime() + request.ttlSeconds * 1000);
    const authorisationId = randomUUID();
    const uploadToken = await uploadTokens.mint({
      organisationId,
      deviceId: device.id,
      authorisationId,
      applicationId: request.applicationId,
      expiresAt: new Date(expiresAt.getTime() + deps.photoUploadGraceSeconds * 1000),
    });
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
        uploadToken,
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
    if (!(await repository.saveAuthorisation(authorisation, stored, consumed))) return undefined;
    logger.info({ deviceId: device.id, authorisationId, commandId: command.commandId, impressions: request.impressions }, "authorisation issued");
    // Stored first: if this send fails the command goes out on the device's next hello or our next start.
    await sendPending(device.id).catch((error: unknown) => logger.warn({ deviceId: device.id, err: error }, "command send deferred"));
    return { ...authorisation, commandStatus: "pending" };
  };

  /** Issues an authorisation for `organisationId` (no caller: internal and event-driven paths). */
  const issueAuthorisation = async (organisationId: string, input: AuthorisationRequest): Promise<AuthorisationView> => {
    const view = await issue(organisationId, input);
    if (!view) throw new Error("an authorisation without an event to deduplicate was not stored");
    return view;
  };

  /**
   * The approval → device step: authorises the applicant on the device named by the approval, once per
   * event. The device must belong to the approving organisation and be active; otherwise nothing is issued
   * and an `authorisation_refused` alarm is announced to that organisation (an unknown device and another
   * tenant's device read the same, so the alarm does not reveal which ids exist elsewhere).
   */
  const authoriseApprovedApplication = async (approved: ApprovedApplication, consumed: ConsumedEvent): Promise<ApprovalOutcome> => {
    const context = { eventId: consumed.eventId, applicationId: approved.applicationId, deviceId: approved.deviceId, organisationId: approved.organisationId };
    const refuse = async (reason: string): Promise<ApprovalOutcome> => {
      const alarm = {
        type: "alarm-raised" as const,
        // The bus key must not be empty; an approval without a usable device id is keyed by its application.
        deviceId: /^[A-Za-z0-9_-]{1,64}$/.test(approved.deviceId) ? approved.deviceId : approved.applicationId,
        organisationId: approved.organisationId,
        kind: "authorisation_refused" as const,
        detail: `application ${approved.applicationId}: ${reason}`,
        sequence: 0n,
        occurredAt: clock.now(),
      };
      if (!(await repository.announceOnce(consumed, [alarm]))) return { outcome: "already-handled" };
      logger.warn({ ...context, reason }, "approval names a device that cannot be authorised; alarm raised");
      return { outcome: "refused", reason };
    };
    // A consumer group reading from the beginning (a first start, a new deployment) must not turn
    // long-past approvals into fresh authorisations: whatever they granted would have expired by now.
    if (approved.approvedAt && clock.now().getTime() - approved.approvedAt.getTime() > approved.ttlSeconds * 1000) {
      return refuse("approval older than the authorisation lifetime");
    }
    try {
      const authorisation = await issue(
        approved.organisationId,
        { deviceId: approved.deviceId, applicationId: approved.applicationId, userId: approved.applicantUserId, impressions: approved.impressions, ttlSeconds: approved.ttlSeconds },
        consumed,
      );
      return authorisation ? { outcome: "issued", authorisation } : { outcome: "already-handled" };
    } catch (error) {
      if (isYunxiError(error, "NotFound")) return refuse("device not found in the organisation");
      if (isYunxiError(error, "FailedPrecondition")) return refuse("device is revoked");
      // Retrying cannot mend an invalid approval and would block every later event of its partition.
      if (isYunxiError(error, "InvalidArgument")) return refuse(`invalid approval (${error.violations.map((v) => v.field).join(", ")})`);
      throw error;
    }
  };

  return {
    issueAuthorisation,
    authoriseApprovedApplication,
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

    /**
     * A device of `organisationId` for another service acting for that organisation (approval checking a
     * device before it binds a seal to it). The caller was authenticated as an allowed service; another
     * organisation's device reads as missing, exactly as for users.
     */
    async getDeviceForService(organisationId: string, deviceId: string): Promise<Device> {
      requireDeviceId(deviceId);
      const device = await repository.getDevice(organisationId, deviceId);
      if (!device) throw notFound(`device ${deviceId} not found`);
      return device;
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

    /** The organisation's alarms across devices, newest first; `open` (default) leaves out acknowledged ones. */
    async listAlarms(caller: Caller, input: { state?: string; limit?: number; before?: string }): Promise<AlarmPage> {
      requireAny(caller, ["device.keep", "records.read"]);
      const query = validateAlarmQuery(input);
      const page = await repository.listAlarms(caller.organisationId, query);
      return { alarms: page.alarms, ...(page.nextBefore !== undefined ? { nextBefore: String(page.nextBefore) } : {}) };
    },

    /**
     * Marks an alarm of the caller's organisation as handled by the caller, announcing it for the evidence
     * ledger. A second acknowledgement returns the first unchanged; another organisation's alarm is NotFound.
     */
    async acknowledgeAlarm(caller: Caller, input: { alarmId: string; note?: string }): Promise<Alarm> {
      requirePermission(caller, "device.keep");
      const { alarmId, note } = validateAcknowledgement(input);
      const alarm = await repository.acknowledgeAlarm(caller.organisationId, alarmId, { by: caller.userId, at: clock.now(), note });
      if (!alarm) throw notFound(`alarm ${alarmId} not found`);
      return alarm;
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
