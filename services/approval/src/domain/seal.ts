import { failedPrecondition, invalidArgument, type FieldViolation } from "@yunxi/platform";
import type { SealEvent } from "./events.js";

export const SEAL_TYPES = ["OFFICIAL", "CONTRACT", "FINANCE", "LEGAL_REPRESENTATIVE", "INVOICE"] as const;
export type SealType = (typeof SEAL_TYPES)[number];
export const SEAL_SIZES_MM = [38, 40, 42, 45] as const;
export type SealSizeMm = (typeof SEAL_SIZES_MM)[number];
export const SEAL_MATERIALS = ["RUBBER", "COPPER", "FLIP", "PHOTOSENSITIVE"] as const;
export type SealMaterial = (typeof SEAL_MATERIALS)[number];

/** A physical seal; `deviceId` is the smart device holding it (device-control's id), if any. */
export interface PhysicalSealDetails {
  readonly kind: "physical";
  readonly sealType: SealType;
  readonly sizeMm: SealSizeMm;
  readonly material: SealMaterial;
  readonly deviceId: string | undefined;
}

/** An electronic seal: an image in the blob store and the certificate it signs with. */
export interface ElectronicSealDetails {
  readonly kind: "electronic";
  readonly imageObjectKey: string;
  readonly certificateRef: string;
}

export interface Seal {
  readonly id: string;
  readonly organisationId: string;
  readonly name: string;
  readonly details: PhysicalSealDetails | ElectronicSealDetails;
  /** Increases with every change; writes check it (optimistic concurrency). */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A seal registration as received: unchecked strings and numbers. */
export interface NewSealInput {
  readonly name: string;
  readonly physical?: { readonly sealType: string; readonly sizeMm: number; readonly material: string; readonly deviceId: string } | undefined;
  readonly electronic?: { readonly imageObjectKey: string; readonly certificateRef: string } | undefined;
}

const NAME_MAX = 100;
const OBJECT_KEY_MAX = 512;
const CERTIFICATE_REF_MAX = 200;
// Device ids come from device-control; accept what an id can reasonably look like, nothing that could
// smuggle separators into MQTT topics or logs.
const DEVICE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A device id's violation, or undefined. */
export function deviceIdViolation(deviceId: string, field: string): FieldViolation | undefined {
  return DEVICE_ID.test(deviceId) ? undefined : { field, message: "1-64 characters: letters, digits and . _ : -, starting with a letter or digit" };
}

/** An object key's violation (blob store key of an uploaded file), or undefined. */
export function objectKeyViolation(key: string, field: string): FieldViolation | undefined {
  if (key.length === 0 || key.length > OBJECT_KEY_MAX) return { field, message: `1-${OBJECT_KEY_MAX} characters` };
  if (CONTROL.test(key) || key.startsWith("/") || key.split("/").includes("..")) return { field, message: "not a valid object key" };
  return undefined;
}

function nameViolation(name: string): FieldViolation | undefined {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > NAME_MAX || CONTROL.test(name)) return { field: "name", message: `1-${NAME_MAX} characters` };
  return undefined;
}

/**
 * Checks a registration and returns the seal's details; every bad field is reported at once
 * (InvalidArgument with violations).
 */
export function validateNewSeal(input: NewSealInput): { name: string; details: Seal["details"] } {
  const violations: FieldViolation[] = [];
  const name = nameViolation(input.name);
  if (name) violations.push(name);
  const { physical, electronic } = input;
  if ((physical ? 1 : 0) + (electronic ? 1 : 0) !== 1) {
    violations.push({ field: "details", message: "exactly one of physical or electronic is required" });
    throw invalidArgument("invalid seal", { violations });
  }
  if (physical) {
    if (!(SEAL_TYPES as readonly string[]).includes(physical.sealType)) violations.push({ field: "physical.seal_type", message: `one of ${SEAL_TYPES.join(", ")}` });
    if (!(SEAL_SIZES_MM as readonly number[]).includes(physical.sizeMm)) violations.push({ field: "physical.size_mm", message: `one of ${SEAL_SIZES_MM.join(", ")}` });
    if (!(SEAL_MATERIALS as readonly string[]).includes(physical.material)) violations.push({ field: "physical.material", message: `one of ${SEAL_MATERIALS.join(", ")}` });
    // A device is bound through BindSealDevice, which enforces one seal per device and records the event.
    if (physical.deviceId !== "") violations.push({ field: "physical.device_id", message: "bind a device with BindSealDevice after registering the seal" });
    if (violations.length > 0) throw invalidArgument("invalid seal", { violations });
    return {
      name: input.name.trim(),
      details: { kind: "physical", sealType: physical.sealType as SealType, sizeMm: physical.sizeMm as SealSizeMm, material: physical.material as SealMaterial, deviceId: undefined },
    };
  }
  const e = electronic as NonNullable<NewSealInput["electronic"]>;
  const key = objectKeyViolation(e.imageObjectKey, "electronic.image_object_key");
  if (key) violations.push(key);
  if (e.certificateRef.trim().length === 0 || e.certificateRef.length > CERTIFICATE_REF_MAX || CONTROL.test(e.certificateRef)) {
    violations.push({ field: "electronic.certificate_ref", message: `1-${CERTIFICATE_REF_MAX} characters` });
  }
  if (violations.length > 0) throw invalidArgument("invalid seal", { violations });
  return { name: input.name.trim(), details: { kind: "electronic", imageObjectKey: e.imageObjectKey, certificateRef: e.certificateRef.trim() } };
}

/** The device holding a seal, or undefined (electronic seals are never held). */
export function holdingDevice(seal: Seal): string | undefined {
  return seal.details.kind === "physical" ? seal.details.deviceId : undefined;
}

/**
 * Binds a physical seal to `deviceId`, or unbinds it (`undefined`). Rebinding unbinds the previous device
 * first, so both facts are announced. Binding to the device it already holds changes nothing.
 * Whether the device already holds another seal is the repository's check (a unique key per organisation).
 */
export function bindDevice(seal: Seal, deviceId: string | undefined, actorUserId: string, now: Date): { seal: Seal; events: SealEvent[] } {
  if (seal.details.kind !== "physical") throw failedPrecondition("only a physical seal can be held by a device");
  if (deviceId !== undefined) {
    const violation = deviceIdViolation(deviceId, "device_id");
    if (violation) throw invalidArgument("invalid device id", { violations: [violation] });
  }
  const previous = seal.details.deviceId;
  if (previous === deviceId) return { seal, events: [] };
  const events: SealEvent[] = [];
  if (previous !== undefined) events.push({ type: "SealUnbound", sealId: seal.id, organisationId: seal.organisationId, deviceId: previous, actorUserId, occurredAt: now });
  if (deviceId !== undefined) events.push({ type: "SealBound", sealId: seal.id, organisationId: seal.organisationId, deviceId, actorUserId, occurredAt: now });
  return { seal: { ...seal, details: { ...seal.details, deviceId }, version: seal.version + 1, updatedAt: now }, events };
}
