import { alreadyExists } from "@yunxi/platform";
import type { ApprovalEvent, ApprovalRepository, SealGuard } from "../../app/ports.js";
import type { Application, ApplicationState } from "../../domain/application.js";
import { holdingDevice, type Seal } from "../../domain/seal.js";

/**
 * The repository in memory, for use-case tests. It honours the same contract as the Prisma repository
 * (checked by approval-repository.contract.ts): organisation scoping, version checks, one seal per device.
 */
export class MemoryApprovalRepository implements ApprovalRepository {
  readonly #seals = new Map<string, Seal>();
  readonly #applications = new Map<string, Application>();
  /** Every event stored, in order: what the outbox would hold. */
  readonly events: ApprovalEvent[] = [];

  async createSeal(seal: Seal): Promise<void> {
    if (this.#seals.has(seal.id)) throw alreadyExists("seal exists");
    this.#seals.set(seal.id, structuredClone(seal));
  }

  async findSeal(organisationId: string, id: string): Promise<Seal | undefined> {
    const seal = this.#seals.get(id);
    return seal && seal.organisationId === organisationId ? structuredClone(seal) : undefined;
  }

  async listSeals(organisationId: string): Promise<Seal[]> {
    return [...this.#seals.values()]
      .filter((s) => s.organisationId === organisationId)
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
      .map((s) => structuredClone(s));
  }

  async updateSeal(seal: Seal, expectedVersion: number, events: readonly ApprovalEvent[]): Promise<boolean> {
    const stored = this.#seals.get(seal.id);
    if (!stored || stored.organisationId !== seal.organisationId || stored.version !== expectedVersion) return false;
    const device = holdingDevice(seal);
    if (device !== undefined) {
      for (const other of this.#seals.values()) {
        if (other.id !== seal.id && other.organisationId === seal.organisationId && holdingDevice(other) === device) throw alreadyExists("the device already holds another seal");
      }
    }
    this.#seals.set(seal.id, structuredClone(seal));
    this.events.push(...events);
    return true;
  }

  async createApplication(application: Application, events: readonly ApprovalEvent[]): Promise<void> {
    if (this.#applications.has(application.id)) throw alreadyExists("application exists");
    this.#applications.set(application.id, structuredClone(application));
    this.events.push(...events);
  }

  async findApplication(organisationId: string, id: string): Promise<Application | undefined> {
    const application = this.#applications.get(id);
    return application && application.organisationId === organisationId ? structuredClone(application) : undefined;
  }

  async listApplications(organisationId: string, filter: { readonly applicantUserId?: string; readonly state?: ApplicationState }): Promise<Application[]> {
    return [...this.#applications.values()]
      .filter((a) => a.organisationId === organisationId)
      .filter((a) => filter.applicantUserId === undefined || a.applicantUserId === filter.applicantUserId)
      .filter((a) => filter.state === undefined || a.state === filter.state)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id))
      .map((a) => structuredClone(a));
  }

  async saveApplication(application: Application, expectedVersion: number, events: readonly ApprovalEvent[], sealGuard?: SealGuard): Promise<boolean> {
    const stored = this.#applications.get(application.id);
    if (!stored || stored.organisationId !== application.organisationId || stored.version !== expectedVersion) return false;
    if (sealGuard && this.#seals.get(sealGuard.sealId)?.version !== sealGuard.version) return false;
    this.#applications.set(application.id, structuredClone(application));
    this.events.push(...events);
    return true;
  }
}
