import { permissionDenied, unauthenticated } from "../errors/errors.js";
import type { CallContext } from "../grpc/call-context.js";
import type { Principal, TokenVerifier } from "./token-verifier.js";

/** The built-in roles every organisation starts with (an organisation may add its own later). */
export const BUILT_IN_ROLES = ["administrator", "seal_keeper", "approver", "auditor", "it_officer", "member"] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

/** Every permission a service checks. Services check these, never role names. */
export const PERMISSIONS = [
  "organisation.manage", // organisation settings, departments, supervisors
  "people.manage", // members, roles, password resets
  "seal.manage", // seal registry, binding seals to devices
  "device.manage", // provisioning, settings, firmware, remote lock
  "device.keep", // custody: fingerprints, alarms, swapping seals
  "application.create", // file and withdraw own stamp applications
  "application.decide", // approve or reject
  "records.read", // every application, stamp record, photo and video of the organisation
  "evidence.read", // the evidence ledger and its proofs
  "keys.manage", // key-management policies and rotation
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Administrators run the organisation but do not decide applications unless they also hold the approver
 * role: separation of duties, so the person who manages seals and people is not silently an approver.
 */
export const ROLE_PERMISSIONS: Readonly<Record<BuiltInRole, readonly Permission[]>> = Object.freeze({
  administrator: ["organisation.manage", "people.manage", "seal.manage", "device.manage", "application.create", "records.read", "evidence.read", "keys.manage"],
  seal_keeper: ["device.keep", "application.create", "records.read"],
  approver: ["application.decide", "application.create", "records.read"],
  auditor: ["records.read", "evidence.read"],
  it_officer: ["device.manage", "keys.manage", "application.create"],
  member: ["application.create"],
});

/** Permissions a principal holds: from its built-in roles, plus any explicit `permissions` claim. */
export function permissionsOf(principal: Principal): ReadonlySet<Permission> {
  const granted = new Set<Permission>();
  for (const role of principal.roles) {
    for (const permission of ROLE_PERMISSIONS[role as BuiltInRole] ?? []) granted.add(permission);
  }
  const explicit = principal.claims["permissions"];
  if (Array.isArray(explicit)) {
    for (const p of explicit) if ((PERMISSIONS as readonly string[]).includes(p)) granted.add(p as Permission);
  }
  return granted;
}

/** An authenticated caller acting inside exactly one organisation. */
export interface Caller {
  readonly principal: Principal;
  readonly userId: string;
  readonly organisationId: string;
  readonly permissions: ReadonlySet<Permission>;
  readonly requestId: string;
}

/**
 * Every service authenticates each call itself (not only the gateway): verifies the bearer token and
 * fixes the organisation the caller acts in. A caller can never act in an organisation its token is
 * not scoped to, so every query that follows is scoped by `caller.organisationId`.
 */
export async function authenticate(verifier: TokenVerifier, context: CallContext): Promise<Caller> {
  if (!context.bearerToken) throw unauthenticated("an access token is required");
  const principal = await verifier.verify(context.bearerToken);
  // A service's token (see service-caller.ts) never acts as a user, even if it also names an organisation.
  if (principal.claims["yunxi_service"] !== undefined) throw permissionDenied("a service token cannot act as a user");
  const organisationId = principal.organisationId;
  if (!organisationId) throw permissionDenied("the access token is not scoped to an organisation");
  if (context.organisationId !== undefined && context.organisationId !== organisationId) {
    throw permissionDenied("the access token belongs to another organisation");
  }
  return { principal, userId: principal.subject, organisationId, permissions: permissionsOf(principal), requestId: context.requestId };
}

export function requirePermission(caller: Caller, permission: Permission): void {
  if (!caller.permissions.has(permission)) throw permissionDenied(`missing permission ${permission}`);
}
