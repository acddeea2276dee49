import type protobuf from "protobufjs";
import { invalidArgument } from "@yunxi/platform";
import { deviceProtocolTypes } from "@yunxi/proto";
import type { Command } from "../../domain/commands.js";
import type { AlarmKind, DeviceEventInput, LockReason } from "../../domain/device-events.js";
import { isValidSequence } from "../../domain/sequence.js";

export { deviceProtocolTypes, type DeviceProtocolTypes } from "@yunxi/proto";

const TO_OBJECT: protobuf.IConversionOptions = { longs: String, enums: String, bytes: Array, defaults: true, oneofs: true };

const UNLOCK_MODES = { remote: "UNLOCK_MODE_REMOTE", fingerprint: "UNLOCK_MODE_FINGERPRINT", password: "UNLOCK_MODE_PASSWORD" } as const;

/** Encodes a domain command as `yunxi.device.v1.Command` bytes. */
export function encodeCommand(command: Command): Uint8Array {
  const { Command: type } = deviceProtocolTypes();
  const body = command.body;
  const payload: Record<string, unknown> = {
    commandId: command.commandId,
    nonce: command.nonce,
    issuedAtMs: String(command.issuedAt.getTime()),
    expiresAtMs: String(command.expiresAt.getTime()),
    deviceId: command.deviceId,
  };
  if (body.kind === "authorise") {
    payload["authorise"] = {
      authorisationId: body.authorisationId,
      applicationId: body.applicationId,
      userId: body.userId,
      impressions: body.impressions,
      validUntilMs: String(body.validUntil.getTime()),
      uploadToken: body.uploadToken,
    };
  } else if (body.kind === "lock") {
    payload["lock"] = { reason: body.reason };
  } else {
    payload["setUnlockMode"] = { mode: UNLOCK_MODES[body.mode] };
  }
  return type.encode(type.fromObject(payload)).finish();
}

export function encodeSignedCommand(commandBytes: Uint8Array, signature: Uint8Array, keyId: string): Uint8Array {
  const { SignedCommand: type } = deviceProtocolTypes();
  return type.encode(type.fromObject({ command: commandBytes, signature, keyId })).finish();
}

export function encodeEventAck(sequences: readonly bigint[]): Uint8Array {
  const { EventAck: type } = deviceProtocolTypes();
  return type.encode(type.fromObject({ sequences: sequences.map(String) })).finish();
}

function decode(type: protobuf.Type, bytes: Uint8Array): Record<string, unknown> {
  try {
    return type.toObject(type.decode(bytes), TO_OBJECT) as Record<string, unknown>;
  } catch (error) {
    throw invalidArgument(`malformed ${type.name}`, { cause: error });
  }
}

const ALARMS: Record<string, AlarmKind> = {
  ALARM_KIND_TAMPER: "tamper",
  ALARM_KIND_PRESS_TIMEOUT: "press_timeout",
  ALARM_KIND_UNAUTHORISED_ATTEMPT: "unauthorised_attempt",
  ALARM_KIND_LOW_BATTERY: "low_battery",
};
const LOCK_REASONS: Record<string, LockReason> = {
  LOCK_REASON_COUNT_USED_UP: "count_used_up",
  LOCK_REASON_REMOTE: "remote",
  LOCK_REASON_TIMEOUT: "timeout",
};

const text = (value: unknown, max = 256): string => {
  const s = typeof value === "string" ? value : "";
  return s.length > max ? s.slice(0, max) : s;
};

/** Decodes and checks an up/events payload. @throws InvalidArgument for anything malformed. */
export function decodeDeviceEvent(bytes: Uint8Array): DeviceEventInput {
  const raw = decode(deviceProtocolTypes().DeviceEvent, bytes);
  const sequence = BigInt(String(raw["sequence"] ?? "0"));
  if (!isValidSequence(sequence)) throw invalidArgument("event sequence must be at least 1");
  const deviceTimeMs = Number(raw["deviceTimeMs"] ?? 0);
  if (!Number.isSafeInteger(deviceTimeMs) || deviceTimeMs <= 0) throw invalidArgument("event device_time_ms is missing");
  const deviceTime = new Date(deviceTimeMs);
  switch (raw["body"]) {
    case "impression": {
      const i = raw["impression"] as Record<string, unknown>;
      return {
        sequence,
        deviceTime,
        body: { kind: "impression", authorisationId: text(i["authorisationId"], 128), applicationId: text(i["applicationId"], 128), userId: text(i["userId"], 128), photoRef: text(i["photoRef"], 512) },
      };
    }
    case "locked": {
      const reason = LOCK_REASONS[String((raw["locked"] as Record<string, unknown>)["reason"])];
      if (!reason) throw invalidArgument("locked event without a known reason");
      return { sequence, deviceTime, body: { kind: "locked", reason } };
    }
    case "alarm": {
      const a = raw["alarm"] as Record<string, unknown>;
      const alarm = ALARMS[String(a["kind"])];
      if (!alarm) throw invalidArgument("alarm event without a known kind");
      return { sequence, deviceTime, body: { kind: "alarm", alarm, detail: text(a["detail"]) } };
    }
    default:
      throw invalidArgument("event without a body");
  }
}

const ACK_STATUS: Record<string, "accepted" | "duplicate" | "refused"> = {
  COMMAND_STATUS_ACCEPTED: "accepted",
  COMMAND_STATUS_DUPLICATE: "duplicate",
  COMMAND_STATUS_REFUSED: "refused",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCommandAck(bytes: Uint8Array): { commandId: string; status: "accepted" | "duplicate" | "refused"; reason: string } {
  const raw = decode(deviceProtocolTypes().CommandAck, bytes);
  const commandId = text(raw["commandId"], 64);
  const status = ACK_STATUS[String(raw["status"])];
  if (!UUID.test(commandId) || !status) throw invalidArgument("malformed command ack");
  return { commandId, status, reason: text(raw["reason"], 64) };
}

export function decodeHello(bytes: Uint8Array): { deviceId: string; lastSequence: bigint; protocolVersion: number } {
  const raw = decode(deviceProtocolTypes().Hello, bytes);
  return { deviceId: text(raw["deviceId"], 64), lastSequence: BigInt(String(raw["lastSequence"] ?? "0")), protocolVersion: Number(raw["protocolVersion"] ?? 0) };
}
