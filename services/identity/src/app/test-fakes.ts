// In-memory fakes of identity's ports for unit and handler tests (never wired by the module).
import { randomUUID } from "node:crypto";
import { alreadyExists, notFound } from "@yunxi/platform";
import type { Account } from "../domain/account.js";
import type { Membership } from "../domain/membership.js";
import type { AccountRepository, LoginHistoryEntry, NewAccount, OrganisationDirectory, SigningKeyStore, StoredSigningKey } from "./ports.js";

export class MemoryAccountRepository implements AccountRepository {
  readonly accounts = new Map<string, Account>();
  readonly history: LoginHistoryEntry[] = [];
  readonly registrations: { accountId: string; organisationId: string; createdOrganisation: boolean }[] = [];

  async findByMobile(mobile: string) {
    return [...this.accounts.values()].find((a) => a.mobile === mobile);
  }
  async findById(id: string) {
    return this.accounts.get(id);
  }
  async create(account: NewAccount, registration: { organisationId: string; createdOrganisation: boolean }) {
    if (await this.findByMobile(account.mobile)) throw alreadyExists("an account with this mobile number exists");
    this.accounts.set(account.id, { ...account, failedLoginCount: 0, lockedUntil: undefined });
    this.registrations.push({ accountId: account.id, ...registration });
  }
  #update(id: string, change: Partial<Account>) {
    const account = this.accounts.get(id);
    if (!account) throw notFound("no such account");
    const next = { ...account, ...change };
    this.accounts.set(id, next);
    return next;
  }
  async incrementFailedLogins(id: string) {
    return this.#update(id, { failedLoginCount: (this.accounts.get(id)?.failedLoginCount ?? 0) + 1 }).failedLoginCount;
  }
  async lock(id: string, lockedUntil: Date, failedLoginCount: number) {
    this.#update(id, { lockedUntil, failedLoginCount });
  }
  async resetFailedLogins(id: string) {
    this.#update(id, { failedLoginCount: 0, lockedUntil: undefined });
  }
  async addLoginHistory(entry: LoginHistoryEntry) {
    this.history.push(entry);
  }
  async listLoginHistory(accountId: string, limit: number) {
    return this.history.filter((h) => h.accountId === accountId).reverse().slice(0, limit);
  }
}

/** Organisations and memberships as the organisation service would keep them; records the service tokens it was called with. */
export class MemoryOrganisationDirectory implements OrganisationDirectory {
  readonly organisations = new Map<string, { id: string; name: string; code: string }>();
  readonly memberships: { userId: string; membership: Membership }[] = [];
  readonly tokensSeen: string[] = [];

  constructor(private readonly serviceToken: () => Promise<string> = async () => "service-token") {}

  addOrganisation(name: string, code: string): string {
    const id = randomUUID();
    this.organisations.set(id, { id, name, code });
    return id;
  }

  async #authorise() {
    this.tokensSeen.push(await this.serviceToken());
  }

  async createOrganisation(input: { name: string; code?: string; founderUserId: string; founderDisplayName: string }) {
    await this.#authorise();
    const code = input.code ?? `ORG${this.organisations.size + 1}`;
    if ([...this.organisations.values()].some((o) => o.code.toLowerCase() === code.toLowerCase())) throw alreadyExists("organisation code taken");
    const id = this.addOrganisation(input.name, code);
    const membership: Membership = { organisationId: id, organisationCode: code, organisationName: input.name, roles: ["administrator"] };
    this.memberships.push({ userId: input.founderUserId, membership });
    return membership;
  }

  async joinOrganisation(input: { organisationCode: string; userId: string; displayName: string }) {
    await this.#authorise();
    const organisation = [...this.organisations.values()].find((o) => o.code.toLowerCase() === input.organisationCode.toLowerCase());
    if (!organisation) throw notFound("no organisation with that code");
    const membership: Membership = { organisationId: organisation.id, organisationCode: organisation.code, organisationName: organisation.name, roles: ["member"] };
    this.memberships.push({ userId: input.userId, membership });
    return membership;
  }

  /** Adds a membership directly (a second organisation for switching tests). */
  addMembership(userId: string, organisationId: string, roles: string[]) {
    const organisation = this.organisations.get(organisationId);
    if (!organisation) throw notFound("no such organisation");
    this.memberships.push({ userId, membership: { organisationId, organisationCode: organisation.code, organisationName: organisation.name, roles } });
  }

  async listMemberships(userId: string) {
    await this.#authorise();
    return this.memberships.filter((m) => m.userId === userId).map((m) => m.membership);
  }
}

export class MemorySigningKeyStore implements SigningKeyStore {
  readonly keys: StoredSigningKey[] = [];
  async list() {
    return [...this.keys];
  }
  async insertCurrent(key: StoredSigningKey) {
    if (this.keys.some((k) => k.current)) return false;
    this.keys.push(key);
    return true;
  }
}
