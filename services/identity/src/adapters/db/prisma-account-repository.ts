import { alreadyExists, appendToOutbox, sqlExecutorFromPrisma } from "@yunxi/platform";
import type { AccountRepository, LoginHistoryEntry, LoginOutcome, NewAccount } from "../../app/ports.js";
import type { Account } from "../../domain/account.js";
import { accountRegisteredEvent } from "../events/account-events.js";
import { Prisma, type PrismaClient } from "../../generated/prisma/client.js";

type AccountRow = Prisma.AccountModel;

const toAccount = (row: AccountRow): Account => ({
  id: row.id,
  mobile: row.mobile,
  displayName: row.displayName,
  passwordHash: row.passwordHash,
  createdAt: row.createdAt,
  failedLoginCount: row.failedLoginCount,
  lockedUntil: row.lockedUntil ?? undefined,
});

/** Accounts and login history on Prisma (PostgreSQL or embedded PGlite, schema `identity`). */
export class PrismaAccountRepository implements AccountRepository {
  /** Nudged after a commit that appended events, so the relay publishes now rather than at its next poll. */
  constructor(
    private readonly prisma: PrismaClient,
    private readonly onEventsAppended: () => void = () => {},
  ) {}

  async findByMobile(mobile: string): Promise<Account | undefined> {
    const row = await this.prisma.account.findUnique({ where: { mobile } });
    return row ? toAccount(row) : undefined;
  }

  async findById(id: string): Promise<Account | undefined> {
    const row = await this.prisma.account.findUnique({ where: { id } });
    return row ? toAccount(row) : undefined;
  }

  async create(account: NewAccount, registration: { organisationId: string; createdOrganisation: boolean }): Promise<void> {
    const event = accountRegisteredEvent({ accountId: account.id, organisationId: registration.organisationId, createdOrganisation: registration.createdOrganisation, at: account.createdAt });
    try {
      await this.prisma.$transaction(async (tx) => {
        await tx.account.create({ data: { ...account } });
        await appendToOutbox(sqlExecutorFromPrisma(tx), event);
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw alreadyExists("an account with this mobile number exists", { cause: error });
      throw error;
    }
    this.onEventsAppended();
  }

  async incrementFailedLogins(accountId: string): Promise<number> {
    const row = await this.prisma.account.update({ where: { id: accountId }, data: { failedLoginCount: { increment: 1 } }, select: { failedLoginCount: true } });
    return row.failedLoginCount;
  }

  async lock(accountId: string, lockedUntil: Date, failedLoginCount: number): Promise<void> {
    await this.prisma.account.update({ where: { id: accountId }, data: { lockedUntil, failedLoginCount } });
  }

  async resetFailedLogins(accountId: string): Promise<void> {
    await this.prisma.account.update({ where: { id: accountId }, data: { failedLoginCount: 0, lockedUntil: null } });
  }

  async addLoginHistory(entry: LoginHistoryEntry): Promise<void> {
    await this.prisma.loginHistory.create({ data: { accountId: entry.accountId, at: entry.at, success: entry.success, outcome: entry.outcome, ip: entry.ip ?? null } });
  }

  async listLoginHistory(accountId: string, limit: number): Promise<LoginHistoryEntry[]> {
    const rows = await this.prisma.loginHistory.findMany({ where: { accountId }, orderBy: [{ at: "desc" }, { id: "desc" }], take: limit });
    return rows.map((row) => ({ accountId: row.accountId, at: row.at, success: row.success, outcome: row.outcome as LoginOutcome, ...(row.ip ? { ip: row.ip } : {}) }));
  }
}
