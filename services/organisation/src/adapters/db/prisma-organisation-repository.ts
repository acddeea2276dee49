import { alreadyExists, appendToOutbox, BUILT_IN_ROLES, sqlExecutorFromPrisma, type BuiltInRole } from "@yunxi/platform";
import type { DepartmentChanges, MemberChange, OrganisationEvent, OrganisationRepository } from "../../app/ports.js";
import { codeKey, type Department, type Member, type MembershipOfUser, type Organisation, type OrganisationChanges } from "../../domain/organisation.js";
import { toBusMessage } from "../events/organisation-events.js";
import { Prisma, type PrismaClient } from "../../generated/prisma/client.js";

type Tx = Prisma.TransactionClient;
type OrganisationRow = { id: string; name: string; code: string; description: string; createdAt: Date };
type DepartmentRow = { id: string; organisationId: string; name: string; sortOrder: number; createdAt: Date };
type MembershipRow = { organisationId: string; userId: string; displayName: string; departmentId: string | null; roles: string[]; joinedAt: Date };

const toOrganisation = (row: OrganisationRow): Organisation => ({ id: row.id, name: row.name, code: row.code, description: row.description, createdAt: row.createdAt });
const toDepartment = (row: DepartmentRow): Department => ({ ...row });
const toMember = (row: MembershipRow): Member => ({
  organisationId: row.organisationId,
  userId: row.userId,
  displayName: row.displayName,
  departmentId: row.departmentId ?? undefined,
  // Stored roles are only ever written from parsed built-in roles; filter anyway so the type holds.
  roles: BUILT_IN_ROLES.filter((role): role is BuiltInRole => row.roles.includes(role)),
  joinedAt: row.joinedAt,
});

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** The organisation repository on Prisma (PostgreSQL or embedded PGlite, schema `organisation`). */
export class PrismaOrganisationRepository implements OrganisationRepository {
  /** `afterEventsCommitted` runs after a transaction that appended events commits (e.g. `relay.nudge()`). */
  constructor(
    private readonly prisma: PrismaClient,
    private readonly afterEventsCommitted: () => void = () => undefined,
  ) {}

  async #outbox(tx: Tx, events: readonly OrganisationEvent[]): Promise<void> {
    if (events.length > 0) await appendToOutbox(sqlExecutorFromPrisma(tx), events.map(toBusMessage));
  }

  async createOrganisation(organisation: Organisation, founder: Member, events: readonly OrganisationEvent[]): Promise<void> {
    try {
      await this.prisma.$transaction(async (tx) => {
        await tx.organisation.create({
          data: { id: organisation.id, name: organisation.name, code: organisation.code, codeKey: codeKey(organisation.code), description: organisation.description, createdAt: organisation.createdAt },
        });
        await tx.membership.create({
          data: { organisationId: organisation.id, userId: founder.userId, displayName: founder.displayName, roles: [...founder.roles], joinedAt: founder.joinedAt },
        });
        await this.#outbox(tx, events);
      });
      if (events.length > 0) this.afterEventsCommitted();
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyExists("organisation code taken", { cause: error });
      throw error;
    }
  }

  async findOrganisation(id: string): Promise<Organisation | undefined> {
    const row = await this.prisma.organisation.findUnique({ where: { id } });
    return row ? toOrganisation(row) : undefined;
  }

  async findOrganisationByCode(code: string): Promise<Organisation | undefined> {
    const row = await this.prisma.organisation.findUnique({ where: { codeKey: codeKey(code) } });
    return row ? toOrganisation(row) : undefined;
  }

  async updateOrganisation(id: string, changes: OrganisationChanges): Promise<Organisation | undefined> {
    const { count } = await this.prisma.organisation.updateMany({ where: { id }, data: { ...changes } });
    return count === 0 ? undefined : this.findOrganisation(id);
  }

  async addMember(member: Member, events: readonly OrganisationEvent[]): Promise<void> {
    try {
      await this.prisma.$transaction(async (tx) => {
        await tx.membership.create({
          data: { organisationId: member.organisationId, userId: member.userId, displayName: member.displayName, departmentId: member.departmentId ?? null, roles: [...member.roles], joinedAt: member.joinedAt },
        });
        await this.#outbox(tx, events);
      });
      if (events.length > 0) this.afterEventsCommitted();
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyExists("already a member", { cause: error });
      throw error;
    }
  }

  async findMember(organisationId: string, userId: string): Promise<Member | undefined> {
    const row = await this.prisma.membership.findUnique({ where: { organisationId_userId: { organisationId, userId } } });
    return row ? toMember(row) : undefined;
  }

  async listMembers(organisationId: string): Promise<Member[]> {
    const rows = await this.prisma.membership.findMany({ where: { organisationId }, orderBy: [{ joinedAt: "asc" }, { userId: "asc" }] });
    return rows.map(toMember);
  }

  async listMembershipsOfUser(userId: string): Promise<MembershipOfUser[]> {
    const rows = await this.prisma.membership.findMany({ where: { userId }, include: { organisation: true }, orderBy: [{ joinedAt: "asc" }, { organisationId: "asc" }] });
    return rows.map((row) => ({ ...toMember(row), organisationCode: row.organisation.code, organisationName: row.organisation.name }));
  }

  async changeMember(organisationId: string, userId: string, decide: (member: Member, administrators: readonly string[]) => MemberChange): Promise<Member | undefined> {
    let announced = false;
    const result = await this.prisma.$transaction(async (tx) => {
      // Serialises member changes per organisation: the administrator count read below stays true until commit.
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM organisation WHERE id = ${organisationId}::uuid FOR UPDATE`;
      if (locked.length === 0) return undefined;
      const row = await tx.membership.findUnique({ where: { organisationId_userId: { organisationId, userId } } });
      if (!row) return undefined;
      const administrators = await tx.membership.findMany({ where: { organisationId, roles: { has: "administrator" } }, select: { userId: true } });
      const { member, events } = decide(toMember(row), administrators.map((a) => a.userId));
      const updated = await tx.membership.update({
        where: { organisationId_userId: { organisationId, userId } },
        data: { roles: [...member.roles], departmentId: member.departmentId ?? null, displayName: member.displayName },
      });
      await this.#outbox(tx, events);
      announced = events.length > 0;
      return toMember(updated);
    });
    if (announced) this.afterEventsCommitted();
    return result;
  }

  async createDepartment(department: Department): Promise<void> {
    try {
      await this.prisma.department.create({ data: { ...department } });
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyExists(`a department named ${department.name} exists`, { cause: error });
      throw error;
    }
  }

  async findDepartment(organisationId: string, id: string): Promise<Department | undefined> {
    const row = await this.prisma.department.findFirst({ where: { organisationId, id } });
    return row ? toDepartment(row) : undefined;
  }

  async listDepartments(organisationId: string): Promise<Department[]> {
    const rows = await this.prisma.department.findMany({ where: { organisationId }, orderBy: [{ sortOrder: "asc" }, { name: "asc" }] });
    return rows.map(toDepartment);
  }

  async updateDepartment(organisationId: string, id: string, changes: DepartmentChanges): Promise<Department | undefined> {
    try {
      const { count } = await this.prisma.department.updateMany({ where: { organisationId, id }, data: { ...changes } });
      return count === 0 ? undefined : this.findDepartment(organisationId, id);
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyExists(`a department named ${changes.name ?? ""} exists`, { cause: error });
      throw error;
    }
  }
}
