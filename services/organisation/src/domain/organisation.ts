import { randomInt } from "node:crypto";
import { BUILT_IN_ROLES, failedPrecondition, invalidArgument, type BuiltInRole, type FieldViolation } from "@yunxi/platform";

/** An organisation (tenant). `code` keeps the spelling it was created with; uniqueness ignores case. */
export interface Organisation {
  readonly id: string;
  readonly name: string;
  readonly code: string;
  readonly description: string;
  readonly createdAt: Date;
}

/** One level of departments inside an organisation. */
export interface Department {
  readonly id: string;
  readonly organisationId: string;
  readonly name: string;
  readonly sortOrder: number;
  readonly createdAt: Date;
}

/** A user's membership of one organisation; `userId` is the identity service's subject. */
export interface Member {
  readonly organisationId: string;
  readonly userId: string;
  readonly displayName: string;
  readonly departmentId: string | undefined;
  readonly roles: readonly BuiltInRole[];
  readonly joinedAt: Date;
}

/** A membership together with the organisation it belongs to, as identity needs it at login. */
export interface MembershipOfUser extends Member {
  readonly organisationCode: string;
  readonly organisationName: string;
}

/** Ids of organisations, departments and channels (checked before a lookup, so a malformed one is never a query). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const CODE_PATTERN = /^[A-Za-z0-9()_-]{3,32}$/;
const NAME_MAX = 100;
const DESCRIPTION_MAX = 1000;
const DISPLAY_NAME_MAX = 100;
const USER_ID_MAX = 200;
const SORT_ORDER_LIMIT = 1_000_000;

/** The key codes are unique under: `yxxw(001-1)` and `YXXW(001-1)` are the same code. */
export function codeKey(code: string): string {
  return code.toUpperCase();
}

/** Letters, digits and `()-_`, 3-32 characters, e.g. `YXXW(001-1)`. Returns a violation or undefined. */
export function codeViolation(code: string, field = "code"): FieldViolation | undefined {
  return CODE_PATTERN.test(code) ? undefined : { field, message: "3-32 characters: letters, digits and ( ) - _" };
}

const GENERATED_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I: codes are read aloud and typed

/** A random code for an organisation created without one: `YX-` and 8 unambiguous characters (40 bits). */
export function generateCode(): string {
  let suffix = "";
  for (let i = 0; i < 8; i++) suffix += GENERATED_ALPHABET[randomInt(GENERATED_ALPHABET.length)];
  return `YX-${suffix}`;
}

function textViolation(value: string, field: string, max: number, required: boolean): FieldViolation | undefined {
  if (required && value.trim().length === 0) return { field, message: "must not be empty" };
  if (value.length > max) return { field, message: `at most ${max} characters` };
  if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return { field, message: "must not contain control characters" };
  return undefined;
}

function collect(...violations: (FieldViolation | undefined)[]): FieldViolation[] {
  return violations.filter((v): v is FieldViolation => v !== undefined);
}

function refuse(message: string, violations: FieldViolation[]): void {
  if (violations.length > 0) throw invalidArgument(message, { violations });
}

export interface NewOrganisation {
  readonly name: string;
  /** Empty: generate one. */
  readonly code: string;
  readonly description: string;
  readonly founderUserId: string;
  readonly founderDisplayName: string;
}

/** Checks a request to create an organisation; throws InvalidArgument listing every problem. */
export function validateNewOrganisation(input: NewOrganisation): void {
  refuse(
    "invalid organisation",
    collect(
      textViolation(input.name, "name", NAME_MAX, true),
      input.code === "" ? undefined : codeViolation(input.code),
      textViolation(input.description, "description", DESCRIPTION_MAX, false),
      userIdViolation(input.founderUserId, "founder_user_id"),
      textViolation(input.founderDisplayName, "founder_display_name", DISPLAY_NAME_MAX, false),
    ),
  );
}

export function userIdViolation(userId: string, field = "user_id"): FieldViolation | undefined {
  return textViolation(userId, field, USER_ID_MAX, true) ?? (userId.trim() !== userId ? { field, message: "must not start or end with spaces" } : undefined);
}

export function validateJoin(input: { organisationCode: string; userId: string; displayName: string }): void {
  refuse(
    "invalid join request",
    collect(
      input.organisationCode === "" ? { field: "organisation_code", message: "must not be empty" } : codeViolation(input.organisationCode, "organisation_code"),
      userIdViolation(input.userId),
      textViolation(input.displayName, "display_name", DISPLAY_NAME_MAX, false),
    ),
  );
}

export interface OrganisationChanges {
  readonly name?: string;
  readonly description?: string;
}

export function validateOrganisationChanges(changes: OrganisationChanges): void {
  refuse(
    "invalid organisation change",
    collect(
      changes.name === undefined ? undefined : textViolation(changes.name, "name", NAME_MAX, true),
      changes.description === undefined ? undefined : textViolation(changes.description, "description", DESCRIPTION_MAX, false),
    ),
  );
}

function sortOrderViolation(sortOrder: number | undefined): FieldViolation | undefined {
  if (sortOrder === undefined) return undefined;
  return Number.isInteger(sortOrder) && Math.abs(sortOrder) <= SORT_ORDER_LIMIT ? undefined : { field: "sort_order", message: `an integer between -${SORT_ORDER_LIMIT} and ${SORT_ORDER_LIMIT}` };
}

export function validateDepartment(input: { name?: string; sortOrder?: number }, requireName: boolean): void {
  refuse(
    "invalid department",
    collect(
      input.name === undefined ? (requireName ? { field: "name", message: "must not be empty" } : undefined) : textViolation(input.name, "name", NAME_MAX, true),
      sortOrderViolation(input.sortOrder),
    ),
  );
}

/** Parses role names into a set of built-in roles (deduplicated, in the canonical order). */
export function parseRoles(roles: readonly string[]): BuiltInRole[] {
  const unknown = roles.filter((r) => !(BUILT_IN_ROLES as readonly string[]).includes(r));
  const violations = collect(
    roles.length === 0 ? { field: "roles", message: "at least one role" } : undefined,
    unknown.length > 0 ? { field: "roles", message: `unknown role(s) ${unknown.join(", ")}; one of ${BUILT_IN_ROLES.join(", ")}` } : undefined,
  );
  refuse("invalid roles", violations);
  return BUILT_IN_ROLES.filter((role) => roles.includes(role));
}

/**
 * The last-administrator rule: an organisation always keeps at least one administrator, otherwise
 * nobody could manage its people again. `administrators` are the user ids holding the role now.
 */
export function assertAdministratorRemains(administrators: readonly string[], userId: string, newRoles: readonly BuiltInRole[]): void {
  if (newRoles.includes("administrator")) return;
  const remaining = administrators.filter((id) => id !== userId);
  if (remaining.length === 0) throw failedPrecondition("an organisation must keep at least one administrator");
}

/** True when two role sets are the same set. */
export function sameRoles(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((r) => b.includes(r));
}
