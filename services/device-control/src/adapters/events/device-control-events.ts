import protobuf from "protobufjs";
import { encodeEvent, type BusMessage } from "@yunxi/platform";
import { protoMessageType } from "@yunxi/proto";
import type { DeviceControlEvent } from "../../domain/device-events.js";

export const DEVICE_CONTROL_TOPICS = Object.freeze({
  impressionRecorded: "yunxi.device-control.v1.impression-recorded",
  alarmRaised: "yunxi.device-control.v1.alarm-raised",
  deviceLocked: "yunxi.device-control.v1.device-locked",
  sequenceGap: "yunxi.device-control.v1.sequence-gap",
  alarmAcknowledged: "yunxi.device-control.v1.alarm-acknowledged",
});

/** `Type.verify` wants 64-bit integers as numbers or Longs, not the strings we keep them as. */
const u64 = (value: bigint) => protobuf.util.LongBits.from(String(value)).toLong(true);

/** A message type of proto/yunxi/device_control/v1/events.proto, e.g. `ImpressionRecorded`. */
export function deviceControlEventType(name: "ImpressionRecorded" | "AlarmRaised" | "DeviceLocked" | "SequenceGapDetected" | "AlarmAcknowledged"): protobuf.Type {
  return protoMessageType("yunxi/device_control/v1/events.proto", `yunxi.device_control.v1.${name}`);
}

/** Encodes domain events as bus messages (key = device id, so one device's events stay in order). */
export function encodeDeviceControlEvents(events: readonly DeviceControlEvent[]): BusMessage[] {
  return events.map((event) => {
    const base = { organisationId: event.organisationId, aggregateId: event.deviceId };
    switch (event.type) {
      case "impression-recorded":
        return encodeEvent({
          ...base,
          topic: DEVICE_CONTROL_TOPICS.impressionRecorded,
          type: deviceControlEventType("ImpressionRecorded"),
          payload: {
            deviceId: event.deviceId,
            organisationId: event.organisationId,
            sequence: u64(event.sequence),
            deviceTime: event.deviceTime.toISOString(),
            authorisationId: event.authorisationId,
            applicationId: event.applicationId,
            userId: event.userId,
            photoRef: event.photoRef,
            authorised: event.authorised,
          },
        });
      case "alarm-raised":
        return encodeEvent({
          ...base,
          topic: DEVICE_CONTROL_TOPICS.alarmRaised,
          type: deviceControlEventType("AlarmRaised"),
          occurredAt: event.occurredAt,
          payload: {
            deviceId: event.deviceId,
            organisationId: event.organisationId,
            kind: event.kind,
            detail: event.detail,
            sequence: u64(event.sequence),
            occurredAt: event.occurredAt.toISOString(),
          },
        });
      case "device-locked":
        return encodeEvent({
          ...base,
          topic: DEVICE_CONTROL_TOPICS.deviceLocked,
          type: deviceControlEventType("DeviceLocked"),
          payload: { deviceId: event.deviceId, organisationId: event.organisationId, reason: event.reason, sequence: u64(event.sequence), deviceTime: event.deviceTime.toISOString() },
        });
      case "sequence-gap":
        return encodeEvent({
          ...base,
          topic: DEVICE_CONTROL_TOPICS.sequenceGap,
          type: deviceControlEventType("SequenceGapDetected"),
          payload: { deviceId: event.deviceId, organisationId: event.organisationId, fromSequence: u64(event.from), toSequence: u64(event.to) },
        });
      case "alarm-acknowledged":
        return encodeEvent({
          ...base,
          topic: DEVICE_CONTROL_TOPICS.alarmAcknowledged,
          type: deviceControlEventType("AlarmAcknowledged"),
          occurredAt: event.acknowledgedAt,
          payload: {
            alarmId: event.alarmId,
            deviceId: event.deviceId,
            organisationId: event.organisationId,
            kind: event.kind,
            acknowledgedBy: event.acknowledgedBy,
            acknowledgedAt: event.acknowledgedAt.toISOString(),
            note: event.note,
          },
        });
    }
  });
}
