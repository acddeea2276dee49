import type { Application, ApplicationState } from "../domain/application.js";
import type { ApprovalEvent } from "../domain/events.js";
import type { Seal } from "../domain/seal.js";

export type { ApprovalEvent } from "../domain/events.js";

export interface Clock {
  now(): Date;
}

/** What approval needs to know about a device before a seal may be bound to it. */
export interface DeviceStanding {
  /** device-control's status, e.g. `active`, `revoked`. */
  readonly status: string;
  /** Whether the device may hold a seal (only an active one can be authorised). */
  readonly active: boolean;
}

/**
 * device-control's devices, as approval sees them: one organisation at a time. A device the organisation
 * does not have is `undefined`, whether it exists nowhere or in another organisation, so the answer never
 * reveals ids elsewhere. Unavailable when device-control cannot be asked (the caller must change nothing).
 */
export interface DeviceDirectory {
  standing(organisationId: string, deviceId: string): Promise<DeviceStanding | undefined>;
}

/** Guards an application write with the seal's version, so an approval never names a device the seal just left. */
export interface SealGuard {
  readonly sealId: string;
  readonly version: number;
}

/**
 * Seals and applications of every organisation. Every lookup takes the organisation id, so a caller's
 * organisation scopes each query. Every write that announces something stores its events in the same
 * transaction (transactional outbox). Writes of existing rows are optimistic: they store the new state
 * only if the stored version is still the one read, and return `false` otherwise (nothing changed).
 */
export interface ApprovalRepository {
  createSeal(seal: Seal): Promise<void>;
  findSeal(organisationId: string, id: string): Promise<Seal | undefined>;
  /** By name, then id. */
  listSeals(organisationId: string): Promise<Seal[]>;
  /**
   * Stores `seal` if the stored version is `expectedVersion`. AlreadyExists when its device holds another
   * seal of the organisation (one seal per device).
   */
  updateSeal(seal: Seal, expectedVersion: number, events: readonly ApprovalEvent[]): Promise<boolean>;

  createApplication(application: Application, events: readonly ApprovalEvent[]): Promise<void>;
  findApplication(organisationId: string, id: string): Promise<Application | undefined>;
  /** Newest first. */
  listApplications(organisationId: string, filter: { readonly applicantUserId?: string; readonly state?: ApplicationState }): Promise<Application[]>;
  /**
   * Stores `application` (its state, new steps and new decisions) if the stored version is
   * `expectedVersion` and, with a `sealGuard`, the seal is still at that version.
   */
  saveApplication(application: Application, expectedVersion: number, events: readonly ApprovalEvent[], sealGuard?: SealGuard): Promise<boolean>;
}
