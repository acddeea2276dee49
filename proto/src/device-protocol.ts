import { join } from "node:path";
import protobuf from "protobufjs";
import { PROTO_ROOT } from "./index.js";

/**
 * Device protocol v1 message types (yunxi/device/v1/device.proto), for both ends of the wire: the
 * platform (device-control) and any device implementation (tools/seal-sim, a vendor's firmware tests).
 */
export interface DeviceProtocolTypes {
  readonly SignedCommand: protobuf.Type;
  readonly Command: protobuf.Type;
  readonly CommandAck: protobuf.Type;
  readonly DeviceEvent: protobuf.Type;
  readonly EventAck: protobuf.Type;
  readonly Hello: protobuf.Type;
  readonly Telemetry: protobuf.Type;
}

let cached: DeviceProtocolTypes | undefined;

export function deviceProtocolTypes(): DeviceProtocolTypes {
  if (cached) return cached;
  const root = protobuf.loadSync(join(PROTO_ROOT, "yunxi/device/v1/device.proto"));
  const type = (name: string) => root.lookupType(`yunxi.device.v1.${name}`);
  cached = {
    SignedCommand: type("SignedCommand"),
    Command: type("Command"),
    CommandAck: type("CommandAck"),
    DeviceEvent: type("DeviceEvent"),
    EventAck: type("EventAck"),
    Hello: type("Hello"),
    Telemetry: type("Telemetry"),
  };
  return cached;
}
