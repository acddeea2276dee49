import type { Alarm, AlarmAcknowledgement, AlarmQuery } from "../domain/alarms.js";
import type { Authorisation } from "../domain/authorisation.js";
import type { Command, CommandStatus, StoredCommand } from "../domain/commands.js";
import type { Device, DeviceStatus } from "../domain/device.js";
import type { DeviceControlEvent, DeviceEventInput, RecordOutcome } from "../domain/device-events.js";
import type { SequenceRange } from "../domain/sequence.js";

export interface StoredDeviceEvent {
  readonly sequence: bigint;
  readonly kind: "impression" | "locked" | "alarm";
  readonly deviceTime: Date;
  readonly receivedAt: Date;
  readonly authorisationId?: string;
  readonly applicationId?: string;
  readonly userId?: string;
  readonly photoRef?: string;
  readonly authorised?: boolean;
  readonly alarmKind?: string;
  readonly lockReason?: string;
  readonly detail?: string;
}

export interface DeviceRecords {
  readonly events: readonly StoredDeviceEvent[];
  readonly gaps: readonly (SequenceRange & { readonly detectedAt: Date })[];
}

/** One event taken from the bus by one consumer group: what it causes is written at most once. */
export interface ConsumedEvent {
  readonly consumerGroup: string;
  /** The event's id (`ce_id`). */
  readonly eventId: string;
}

/** Everything device-control persists. Queries taking an organisation id are scoped to it. */
export interface DeviceRepository {
  /** @throws AlreadyExists when the organisation already has a device with this serial. */
  createDevice(device: Device): Promise<Device>;
  getDevice(organisationId: string, deviceId: string): Promise<Device | undefined>;
  listDevices(organisationId: string): Promise<Device[]>;
  /** For traffic from a device itself (the broker authenticated it; no organisation in scope). */
  deviceById(deviceId: string): Promise<Device | undefined>;
  setDeviceStatus(organisationId: string, deviceId: string, status: DeviceStatus): Promise<Device>;
  markSeen(deviceId: string, at: Date): Promise<void>;

  /**
   * Stores the authorisation and its signed command in one transaction. With `consumed`, the event is
   * recorded as processed in that same transaction; returns false (and stores nothing) when it was already.
   */
  saveAuthorisation(authorisation: Authorisation, command: StoredCommand, consumed?: ConsumedEvent): Promise<boolean>;
  /**
   * Announces `events` (outbox) and records `consumed` as processed, in one transaction; returns false
   * (and announces nothing) when the event was processed before.
   */
  announceOnce(consumed: ConsumedEvent, events: readonly DeviceControlEvent[]): Promise<boolean>;
  saveCommand(command: StoredCommand): Promise<void>;
  getAuthorisation(organisationId: string, id: string): Promise<(Authorisation & { readonly commandStatus: CommandStatus }) | undefined>;
  /** Unacknowledged commands of a device that have not expired at `now`, oldest first. */
  pendingCommands(deviceId: string, now: Date): Promise<StoredCommand[]>;
  /** Devices with at least one unacknowledged, unexpired command. */
  devicesWithPendingCommands(now: Date): Promise<string[]>;
  markSent(commandIds: readonly string[], at: Date): Promise<void>;
  /** Returns false when the device has no such pending command. */
  acknowledgeCommand(deviceId: string, commandId: string, status: Exclude<CommandStatus, "pending" | "expired">, reason: string, at: Date): Promise<boolean>;
  expireCommands(now: Date): Promise<number>;

  /**
   * Stores one device event exactly once per (device, sequence), together with everything it implies
   * (authorisation count, gap records, lock state, outbox events) in one transaction.
   */
  recordEvent(device: Device, event: DeviceEventInput, receivedAt: Date): Promise<RecordOutcome>;
  listRecords(organisationId: string, deviceId: string): Promise<DeviceRecords>;

  /**
   * The organisation's alarms, newest first (by arrival), at most `query.limit` of them. Every alarm-raised
   * event that `recordEvent` or `announceOnce` announces is stored as an alarm in the same transaction.
   */
  listAlarms(organisationId: string, query: AlarmQuery): Promise<{ alarms: Alarm[]; nextBefore?: bigint }>;
  /**
   * Records the acknowledgement and announces `alarm-acknowledged` (outbox) in one transaction, unless the
   * alarm was acknowledged before: then it changes nothing and returns the alarm with its first
   * acknowledgement. Undefined when the organisation has no such alarm.
   */
  acknowledgeAlarm(organisationId: string, alarmId: string, acknowledgement: AlarmAcknowledgement): Promise<Alarm | undefined>;
}

/** The broker's credential registry (MQTT): only the broker keeps (a verifier of) the device secret. */
export interface DeviceCredentials {
  readonly brokerUrl: string;
  registerDevice(deviceId: string, secret: string): Promise<void>;
  revokeDevice(deviceId: string): Promise<void>;
}

export interface CommandKeyInfo {
  /** Raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  readonly publicKeyPem: string;
  readonly keyId: string;
}

/** Encodes and signs commands with the platform's command key (Ed25519). */
export interface CommandSigner {
  readonly key: CommandKeyInfo;
  /** The `SignedCommand` envelope bytes for `command`. */
  seal(command: Command): Uint8Array;
}

/** Delivers bytes to a device's command topic (QoS 1). */
export interface CommandTransport {
  sendCommand(deviceId: string, envelope: Uint8Array): Promise<void>;
  acknowledgeEvents(deviceId: string, sequences: readonly bigint[]): Promise<void>;
}

export interface Clock {
  now(): Date;
}
