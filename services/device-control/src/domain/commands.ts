import { invalidArgument, type FieldViolation } from "@yunxi/platform";

/**
 * A command for one device (device protocol v1, `yunxi.device.v1.Command`). The platform signs its
 * encoded bytes; the device applies it only when signature, device id, validity window and nonce check out.
 */
export interface Command {
  readonly commandId: string;
  /** 16 random bytes. */
  readonly nonce: Uint8Array;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly deviceId: string;
  readonly body: CommandBody;
}

export type CommandBody =
  | {
      readonly kind: "authorise";
      readonly authorisationId: string;
      readonly applicationId: string;
      readonly userId: string;
      readonly impressions: number;
      readonly validUntil: Date;
      /** The capability for uploading this authorisation's impression photos (media checks it). */
      readonly uploadToken: string;
    }
  | { readonly kind: "lock"; readonly reason: string }
  | { readonly kind: "set-unlock-mode"; readonly mode: "remote" | "fingerprint" | "password" };

export type CommandStatus = "pending" | "accepted" | "duplicate" | "refused" | "expired";

/** A signed command as stored until the device acknowledges it or it expires. */
export interface StoredCommand {
  readonly id: string;
  readonly deviceId: string;
  readonly organisationId: string;
  readonly kind: CommandBody["kind"];
  /** The `SignedCommand` bytes exactly as published, so a re-send is byte-identical (same nonce). */
  readonly envelope: Uint8Array;
  readonly expiresAt: Date;
  readonly status: CommandStatus;
}

/**
 * Domain separation for command signatures: the Ed25519 signature covers this prefix followed by the
 * encoded Command, so no other signed byte string of the platform can pass as a command.
 */
export const COMMAND_SIGNATURE_CONTEXT = "yunxi-device-command-v1\n";

/** The exact bytes the platform signs and the device verifies. */
export function commandSigningInput(commandBytes: Uint8Array): Uint8Array {
  const prefix = new TextEncoder().encode(COMMAND_SIGNATURE_CONTEXT);
  const input = new Uint8Array(prefix.length + commandBytes.length);
  input.set(prefix, 0);
  input.set(commandBytes, prefix.length);
  return input;
}

export const MAX_IMPRESSIONS = 10_000;
export const MAX_AUTHORISATION_TTL_SECONDS = 7 * 24 * 3600;

export interface AuthorisationRequest {
  readonly deviceId: string;
  readonly applicationId: string;
  readonly userId: string;
  readonly impressions: number;
  readonly ttlSeconds: number;
}

const ID_PATTERN = /^[A-Za-z0-9._:@-]{1,128}$/;

/** Checks an authorisation request; all problems at once. */
export function validateAuthorisationRequest(request: AuthorisationRequest): AuthorisationRequest {
  const violations: FieldViolation[] = [];
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(request.deviceId ?? "")) violations.push({ field: "device_id", message: "a device id" });
  if (!ID_PATTERN.test(request.applicationId ?? "")) violations.push({ field: "application_id", message: "1-128 characters of A-Z a-z 0-9 . _ : @ -" });
  if (!ID_PATTERN.test(request.userId ?? "")) violations.push({ field: "user_id", message: "1-128 characters of A-Z a-z 0-9 . _ : @ -" });
  if (!Number.isInteger(request.impressions) || request.impressions < 1 || request.impressions > MAX_IMPRESSIONS) {
    violations.push({ field: "impressions", message: `an integer from 1 to ${MAX_IMPRESSIONS}` });
  }
  if (!Number.isInteger(request.ttlSeconds) || request.ttlSeconds < 1 || request.ttlSeconds > MAX_AUTHORISATION_TTL_SECONDS) {
    violations.push({ field: "ttl_seconds", message: `an integer from 1 to ${MAX_AUTHORISATION_TTL_SECONDS}` });
  }
  if (violations.length > 0) throw invalidArgument("invalid authorisation request", { violations });
  return request;
}
