import type protobuf from "protobufjs";
import { deviceProtocolTypes, type DeviceProtocolTypes } from "@yunxi/proto";

/** Device protocol v1 types, shared with the platform through @yunxi/proto. */
export type ProtocolTypes = DeviceProtocolTypes;
export const protocolTypes = deviceProtocolTypes;

/** Decoded as plain JSON-safe objects: 64-bit integers and enums as strings, bytes as base64. */
export const TO_OBJECT: protobuf.IConversionOptions = { longs: String, enums: String, bytes: String, defaults: true, oneofs: true };

export function encode(type: protobuf.Type, value: Record<string, unknown>): Uint8Array {
  return type.encode(type.fromObject(value)).finish();
}

export function decode(type: protobuf.Type, bytes: Uint8Array): Record<string, unknown> {
  return type.toObject(type.decode(bytes), TO_OBJECT) as Record<string, unknown>;
}

/** Prefix of the bytes the platform signs (docs/device-protocol.md). */
export const COMMAND_SIGNATURE_CONTEXT = "yunxi-device-command-v1\n";

/** MQTT topics of one device. */
export function topicsOf(deviceId: string) {
  const base = `yunxi/v1/devices/${deviceId}`;
  return {
    commands: `${base}/down/commands`,
    acks: `${base}/down/acks`,
    down: `${base}/down/#`,
    hello: `${base}/up/hello`,
    commandAcks: `${base}/up/acks`,
    events: `${base}/up/events`,
    telemetry: `${base}/up/telemetry`,
  };
}
