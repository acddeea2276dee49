import { alreadyExists } from "@yunxi/platform";
import type { DepartmentChanges, MemberChange, OrganisationEvent, OrganisationRepository } from "../../app/ports.js";
import { codeKey, type Department, type Member, type MembershipOfUser, type Organisation, type OrganisationChanges } from "../../domain/organisation.js";

/** In-memory repository for use-case tests; `events` collects what would go to the outbox. */
export class MemoryOrganisationRepository implements OrganisationRepository {
  readonly organisations = new Map<string, Organisation>();
  readonly departments = new Map<string, Department>();
  readonly members = new Map<string, Member>();
  readonly events: OrganisationEvent[] = [];

  async createOrganisation(organisation: Organisation, founder: Member, events: readonly OrganisationEvent[]): Promise<void> {
    if ([...this.organisations.values()].some((o) => codeKey(o.code) === codeKey(organisation.code))) throw alreadyExists("organisation code taken");
    this.organisations.set(organisation.id, organisation);
    this.members.set(`${founder.organisationId}/${founder.userId}`, founder);
    this.events.push(...events);
  }

  async findOrganisation(id: string): Promise<Organisation | undefined> {
    return this.organisations.get(id);
  }

  async findOrganisationByCode(code: string): Promise<Organisation | undefined> {
    return [...this.organisations.values()].find((o) => codeKey(o.code) === codeKey(code));
  }

  async updateOrganisation(id: string, changes: OrganisationChanges): Promise<Organisation | undefined> {
    const current = this.organisations.get(id);
    if (!current) return undefined;
    const updated = { ...current, ...changes };
    this.organisations.set(id, updated);
    return updated;
  }

  async addMember(member: Member, events: readonly OrganisationEvent[]): Promise<void> {
    const key = `${member.organisationId}/${member.userId}`;
    if (this.members.has(key)) throw alreadyExists("already a member");
    this.members.set(key, member);
    this.events.push(...events);
  }

  async findMember(organisationId: string, userId: string): Promise<Member | undefined> {
    return this.members.get(`${organisationId}/${userId}`);
  }

  async listMembers(organisationId: string): Promise<Member[]> {
    return [...this.members.values()].filter((m) => m.organisationId === organisationId).sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || a.userId.localeCompare(b.userId));
  }

  async listMembershipsOfUser(userId: string): Promise<MembershipOfUser[]> {
    return [...this.members.values()]
      .filter((m) => m.userId === userId)
      .map((m) => {
        const organisation = this.organisations.get(m.organisationId);
        return { ...m, organisationCode: organisation?.code ?? "", organisationName: organisation?.name ?? "" };
      })
      .sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime());
  }

  async changeMember(organisationId: string, userId: string, decide: (member: Member, administrators: readonly string[]) => MemberChange): Promise<Member | undefined> {
    const current = this.members.get(`${organisationId}/${userId}`);
    if (!current) return undefined;
    // Read and write without an await in between: that is this fake's transaction.
    const administrators = [...this.members.values()].filter((m) => m.organisationId === organisationId && m.roles.includes("administrator")).map((m) => m.userId);
    const { member, events } = decide(current, administrators);
    this.members.set(`${organisationId}/${userId}`, member);
    this.events.push(...events);
    return member;
  }

  async createDepartment(department: Department): Promise<void> {
    if ([...this.departments.values()].some((d) => d.organisationId === department.organisationId && d.name === department.name)) throw alreadyExists("department name taken");
    this.departments.set(department.id, department);
  }

  async findDepartment(organisationId: string, id: string): Promise<Department | undefined> {
    const department = this.departments.get(id);
    return department?.organisationId === organisationId ? department : undefined;
  }

  async listDepartments(organisationId: string): Promise<Department[]> {
    return [...this.departments.values()].filter((d) => d.organisationId === organisationId).sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name));
  }

  async updateDepartment(organisationId: string, id: string, changes: DepartmentChanges): Promise<Department | undefined> {
    const current = await this.findDepartment(organisationId, id);
    if (!current) return undefined;
    if (changes.name !== undefined && [...this.departments.values()].some((d) => d.organisationId === organisationId && d.id !== id && d.name === changes.name)) {
      throw alreadyExists("department name taken");
    }
    const updated = { ...current, ...changes };
    this.departments.set(id, updated);
    return updated;
  }
}
