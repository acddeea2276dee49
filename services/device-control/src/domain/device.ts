import { invalidArgument, type FieldViolation } from "@yunxi/platform";

/** A smart seal as the platform knows it. `lastSequence` is the highest event sequence stored. */
export interface Device {
  readonly id: string;
  readonly organisationId: string;
  readonly serial: string;
  readonly model: string;
  readonly status: DeviceStatus;
  readonly locked: boolean;
  readonly lastSequence: bigint;
  readonly createdAt: Date;
  readonly lastSeenAt?: Date;
}

export type DeviceStatus = "active" | "revoked";

export interface NewDeviceInput {
  readonly serial: string;
  readonly model: string;
}

/** Device ids double as MQTT client ids and topic levels, so they obey the broker's id rule. */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const SERIAL_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** Checks provisioning input; every problem is reported at once. */
export function validateNewDevice(input: NewDeviceInput): NewDeviceInput {
  const violations: FieldViolation[] = [];
  const serial = (input.serial ?? "").trim();
  const model = (input.model ?? "").trim();
  if (!SERIAL_PATTERN.test(serial)) violations.push({ field: "serial", message: "1-64 characters of A-Z a-z 0-9 . _ -" });
  if (model.length < 1 || model.length > 100) violations.push({ field: "model", message: "1-100 characters" });
  if (violations.length > 0) throw invalidArgument("invalid device", { violations });
  return { serial, model };
}

export function requireDeviceId(deviceId: string, field = "device_id"): string {
  if (typeof deviceId !== "string" || !DEVICE_ID_PATTERN.test(deviceId)) {
    throw invalidArgument("invalid device id", { violations: [{ field, message: "1-64 characters of A-Z a-z 0-9 _ -" }] });
  }
  return deviceId;
}
