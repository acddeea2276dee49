import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isYunxiError } from "@yunxi/platform";
import { decodeCommandAck, decodeDeviceEvent, deviceProtocolTypes } from "./device-protocol.js";

const event = (value: Record<string, unknown>) => {
  const type = deviceProtocolTypes().DeviceEvent;
  return type.encode(type.fromObject(value)).finish();
};
const invalid = (error: unknown) => isYunxiError(error, "InvalidArgument");

describe("device protocol decoding (platform side)", () => {
  it("decodes an impression with its 64-bit sequence exactly", () => {
    const decoded = decodeDeviceEvent(event({ sequence: "9007199254740993", deviceTimeMs: "1767225600000", impression: { authorisationId: "a", photoRef: "p.jpg" } }));
    assert.equal(decoded.sequence, 9007199254740993n);
    assert.equal(decoded.deviceTime.toISOString(), "2026-01-01T00:00:00.000Z");
    assert.deepEqual(decoded.body, { kind: "impression", authorisationId: "a", applicationId: "", userId: "", photoRef: "p.jpg" });
  });

  it("refuses sequence 0, a missing time, an unknown alarm or lock reason, an empty body and garbage", () => {
    assert.throws(() => decodeDeviceEvent(event({ sequence: "0", deviceTimeMs: "1", impression: {} })), invalid);
    assert.throws(() => decodeDeviceEvent(event({ sequence: "1", impression: {} })), invalid);
    assert.throws(() => decodeDeviceEvent(event({ sequence: "1", deviceTimeMs: "1", alarm: { kind: 0 } })), invalid);
    assert.throws(() => decodeDeviceEvent(event({ sequence: "1", deviceTimeMs: "1", locked: { reason: 0 } })), invalid);
    assert.throws(() => decodeDeviceEvent(event({ sequence: "1", deviceTimeMs: "1" })), invalid);
    assert.throws(() => decodeDeviceEvent(Buffer.from([0xff, 0xff, 0xff])), invalid);
  });

  it("refuses a command ack without a UUID command id or a known status", () => {
    const type = deviceProtocolTypes().CommandAck;
    const ack = (value: Record<string, unknown>) => type.encode(type.fromObject(value)).finish();
    assert.deepEqual(decodeCommandAck(ack({ commandId: "0b6f2f4e-6f1c-4d8e-9a57-1f2d3c4b5a69", status: "COMMAND_STATUS_REFUSED", reason: "expired" })), {
      commandId: "0b6f2f4e-6f1c-4d8e-9a57-1f2d3c4b5a69",
      status: "refused",
      reason: "expired",
    });
    assert.throws(() => decodeCommandAck(ack({ commandId: "x", status: "COMMAND_STATUS_ACCEPTED" })), invalid);
    assert.throws(() => decodeCommandAck(ack({ commandId: "0b6f2f4e-6f1c-4d8e-9a57-1f2d3c4b5a69" })), invalid);
  });
});
