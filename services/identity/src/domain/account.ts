import { invalidArgument, type FieldViolation } from "@yunxi/platform";

/** Mainland China mobile numbers: 11 digits, `1` then `3`–`9`. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const DISPLAY_NAME_MAX_LENGTH = 64;
export const ORGANISATION_NAME_MAX_LENGTH = 100;

/** A person who can log in. The password hash never leaves the identity service. */
export interface Account {
  /** UUID; the `sub` of the account's tokens. */
  readonly id: string;
  readonly mobile: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly createdAt: Date;
  /** Failed logins since the last success or lock. */
  readonly failedLoginCount: number;
  readonly lockedUntil: Date | undefined;
}

/** What a registration asks for, before anything is checked. */
export interface RegistrationInput {
  readonly mobile: string;
  readonly smsCode: string;
  readonly password: string;
  readonly displayName: string;
  readonly organisation: { readonly join: string } | { readonly create: string; readonly code?: string };
}

export function mobileViolation(mobile: unknown, field = "mobile"): FieldViolation | undefined {
  return typeof mobile === "string" && MOBILE_PATTERN.test(mobile) ? undefined : { field, message: "must be a mainland mobile number: 11 digits starting 13–19" };
}

export function passwordViolation(password: unknown, field = "password"): FieldViolation | undefined {
  if (typeof password !== "string" || password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    return { field, message: `must be ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters` };
  }
  return undefined;
}

function textViolation(value: unknown, field: string, max: number): FieldViolation | undefined {
  if (typeof value !== "string" || value.trim().length === 0 || value.length > max || /\p{Cc}/u.test(value)) {
    return { field, message: `must be 1–${max} characters without control characters` };
  }
  return undefined;
}

/** Throws one InvalidArgument naming every problem of the registration at once. */
export function validateRegistration(input: RegistrationInput): void {
  const violations: FieldViolation[] = [];
  const push = (v: FieldViolation | undefined) => v && violations.push(v);
  push(mobileViolation(input.mobile));
  push(smsCodeViolation(input.smsCode));
  push(passwordViolation(input.password));
  push(textViolation(input.displayName, "display_name", DISPLAY_NAME_MAX_LENGTH));
  if ("join" in input.organisation) {
    if (!/^[A-Za-z0-9()_-]{3,32}$/.test(input.organisation.join)) {
      violations.push({ field: "organisation_code", message: "must be 3–32 letters, digits or ()-_" });
    }
  } else {
    push(textViolation(input.organisation.create, "new_organisation_name", ORGANISATION_NAME_MAX_LENGTH));
    const code = input.organisation.code;
    if (code !== undefined && !/^[A-Za-z0-9()_-]{3,32}$/.test(code)) {
      violations.push({ field: "new_organisation_code", message: "must be 3–32 letters, digits or ()-_" });
    }
  }
  if (violations.length > 0) throw invalidArgument("invalid registration", { violations });
}

/** SMS codes are exactly six digits. */
export function smsCodeViolation(code: unknown, field = "sms_code"): FieldViolation | undefined {
  return typeof code === "string" && /^\d{6}$/.test(code) ? undefined : { field, message: "must be the 6-digit code sent by SMS" };
}
