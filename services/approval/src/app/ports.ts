import type { Application, ApplicationState } from "../domain/application.js";
import type { ApprovalEvent } from "../domain/events.js";
import type { Seal } from "../domain/seal.js";

export type { ApprovalEvent } from "../domain/events.js";

export interface Clock {
  now(): Date;
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
