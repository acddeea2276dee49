import type { BuiltInRole } from "@yunxi/platform";
import type { Department, Member, MembershipOfUser, Organisation, OrganisationChanges } from "../domain/organisation.js";

/** Facts the service announces; the events adapter turns them into protobuf messages on the outbox. */
export type OrganisationEvent =
  | { readonly type: "OrganisationCreated"; readonly organisationId: string; readonly code: string; readonly name: string; readonly founderUserId: string; readonly occurredAt: Date }
  | { readonly type: "MemberJoined"; readonly organisationId: string; readonly userId: string; readonly roles: readonly BuiltInRole[]; readonly occurredAt: Date }
  | {
      readonly type: "MemberRolesChanged";
      readonly organisationId: string;
      readonly userId: string;
      readonly previousRoles: readonly BuiltInRole[];
      readonly roles: readonly BuiltInRole[];
      readonly changedBy: string;
      readonly occurredAt: Date;
    };

/** What a member change decides, computed inside the repository's transaction. */
export interface MemberChange {
  readonly member: Member;
  readonly events: readonly OrganisationEvent[];
}

export interface DepartmentChanges {
  readonly name?: string;
  readonly sortOrder?: number;
}

/**
 * Organisations, departments and memberships. Every write that announces something takes its events and
 * stores them in the same transaction (transactional outbox). Everything below an organisation is
 * looked up by organisation id first, so a caller's organisation scopes each query.
 */
export interface OrganisationRepository {
  /** Stores the organisation, its founder and the events at once; AlreadyExists when the code (any case) is taken. */
  createOrganisation(organisation: Organisation, founder: Member, events: readonly OrganisationEvent[]): Promise<void>;
  findOrganisation(id: string): Promise<Organisation | undefined>;
  /** Case-insensitive. */
  findOrganisationByCode(code: string): Promise<Organisation | undefined>;
  updateOrganisation(id: string, changes: OrganisationChanges): Promise<Organisation | undefined>;

  /** AlreadyExists when the user is a member already. */
  addMember(member: Member, events: readonly OrganisationEvent[]): Promise<void>;
  findMember(organisationId: string, userId: string): Promise<Member | undefined>;
  listMembers(organisationId: string): Promise<Member[]>;
  listMembershipsOfUser(userId: string): Promise<MembershipOfUser[]>;
  /**
   * Reads the member and the organisation's current administrators, lets `decide` compute the change,
   * and stores it with its events — all in one transaction that excludes concurrent member changes of the
   * same organisation, so two administrators demoting each other cannot both succeed.
   * Undefined when there is no such member.
   */
  changeMember(organisationId: string, userId: string, decide: (member: Member, administrators: readonly string[]) => MemberChange): Promise<Member | undefined>;

  /** AlreadyExists when the organisation has a department of that name. */
  createDepartment(department: Department): Promise<void>;
  findDepartment(organisationId: string, id: string): Promise<Department | undefined>;
  listDepartments(organisationId: string): Promise<Department[]>;
  /** AlreadyExists on a name clash; undefined when there is no such department in the organisation. */
  updateDepartment(organisationId: string, id: string, changes: DepartmentChanges): Promise<Department | undefined>;
}

export interface Clock {
  now(): Date;
}
