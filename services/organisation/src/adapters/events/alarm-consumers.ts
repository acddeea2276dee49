import { decodeEvent, isYunxiError, type DeliveredMessage, type EventBus, type Logger, type Subscription } from "@yunxi/platform";
import { protoMessageType } from "@yunxi/proto";
import type { Alarm } from "../../domain/notification.js";

export const DEVICE_ALARM_TOPIC = "yunxi.device-control.v1.alarm-raised";
export const VERIFICATION_ALARM_TOPIC = "yunxi.ocr-verification.v1.alarm";
/** Consumer group recording alarms for delivery to the organisations' notification channels. */
export const ALARM_NOTIFICATIONS_GROUP = "organisation.alarm-notifications";

// Another service's contract is read from @yunxi/proto, never imported from its code.
export const alarmRaisedType = () => protoMessageType("yunxi/device_control/v1/events.proto", "yunxi.device_control.v1.AlarmRaised");
export const verificationAlarmType = () => protoMessageType("yunxi/ocr_verification/v1/events.proto", "yunxi.ocr_verification.v1.VerificationAlarm");

interface AlarmRaisedPayload {
  readonly deviceId: string;
  readonly organisationId: string;
  readonly kind: string;
  readonly detail: string;
  /** uint64, decoded as a string. */
  readonly sequence: string;
  readonly occurredAt: string;
}

interface VerificationAlarmPayload {
  readonly verificationId: string;
  readonly applicationId: string;
  readonly organisationId: string;
  readonly verdict: string;
  readonly occurredAt: string;
  readonly deviceId: string;
  readonly impressionSequence: string;
}

/** The event's time, or the envelope's when the payload's is missing or unreadable. */
function timeOf(value: string, envelopeTime: string): Date {
  const parsed = new Date(value);
  return value && !Number.isNaN(parsed.getTime()) ? parsed : new Date(envelopeTime);
}

/**
 * The alarm an event announces, or undefined (logged) when it cannot be one: it does not decode, or its
 * payload names another organisation than its envelope (the envelope's tenant is the one it was published
 * for). Redelivery cannot mend either, and retrying would block the partition.
 */
export function alarmOf(message: DeliveredMessage, logger: Logger): Alarm | undefined {
  const device = message.topic === DEVICE_ALARM_TOPIC;
  let decoded;
  try {
    decoded = device ? decodeEvent<AlarmRaisedPayload>(message, alarmRaisedType()) : decodeEvent<VerificationAlarmPayload>(message, verificationAlarmType());
  } catch (error) {
    if (!isYunxiError(error, "InvalidArgument")) throw error;
    logger.error({ topic: message.topic, position: message.position, violations: error.violations }, "alarm event does not decode; not delivered");
    return undefined;
  }
  const { metadata } = decoded;
  if (decoded.payload.organisationId !== metadata.organisationId) {
    logger.error({ topic: message.topic, eventId: metadata.eventId }, "alarm event names two organisations; not delivered");
    return undefined;
  }
  if (device) {
    const p = decoded.payload as AlarmRaisedPayload;
    return {
      eventId: metadata.eventId,
      organisationId: metadata.organisationId,
      source: "device",
      kind: p.kind,
      deviceId: p.deviceId,
      applicationId: "",
      verificationId: "",
      sequence: String(p.sequence ?? ""),
      detail: p.detail,
      occurredAt: timeOf(p.occurredAt, metadata.occurredAt),
    };
  }
  const p = decoded.payload as VerificationAlarmPayload;
  return {
    eventId: metadata.eventId,
    organisationId: metadata.organisationId,
    source: "verification",
    kind: p.verdict,
    deviceId: p.deviceId,
    applicationId: p.applicationId,
    verificationId: p.verificationId,
    sequence: String(p.impressionSequence ?? ""),
    detail: "",
    occurredAt: timeOf(p.occurredAt, metadata.occurredAt),
  };
}

/** Both alarm topics → pending deliveries (idempotent per event and channel), then a nudge to the worker. */
export function alarmHandler(record: (alarm: Alarm) => Promise<number>, nudge: () => void, logger: Logger): (message: DeliveredMessage) => Promise<void> {
  return async (message) => {
    const alarm = alarmOf(message, logger);
    if (!alarm) return;
    if ((await record(alarm)) > 0) nudge();
  };
}

/** Subscribes the alarm consumer from the beginning of both topics; close the result to stop. */
export async function subscribeAlarmNotifications(bus: EventBus, record: (alarm: Alarm) => Promise<number>, nudge: () => void, logger: Logger): Promise<Subscription> {
  return bus.subscribe({ groupId: ALARM_NOTIFICATIONS_GROUP, topics: [DEVICE_ALARM_TOPIC, VERIFICATION_ALARM_TOPIC], fromBeginning: true, handle: alarmHandler(record, nudge, logger) });
}
