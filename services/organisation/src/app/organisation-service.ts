import { randomUUID } from "node:crypto";
import {
  alreadyExists,
  authenticate,
  invalidArgument,
  isYunxiError,
  notFound,
  permissionDenied,
  requirePermission,
  type CallContext,
  type Caller,
  type Logger,
  type TokenVerifier,
} from "@yunxi/platform";
import {
  assertAdministratorRemains,
  generateCode,
  parseRoles,
  sameRoles,
  UUID_PATTERN,
  validateDepartment,
  validateJoin,
  validateNewOrganisation,
  validateOrganisationChanges,
  type Department,
  type Member,
  type MembershipOfUser,
  type NewOrganisation,
  type Organisation,
  type OrganisationChanges,
} from "../domain/organisation.js";
import type { Clock, DepartmentChanges, OrganisationRepository } from "./ports.js";
import { authenticateService } from "@yunxi/platform";

/** Services allowed to call the internal RPCs (registration and login). */
export const INTERNAL_CALLERS: readonly string[] = ["identity"];

const GENERATED_CODE_ATTEMPTS = 5;

export interface OrganisationServiceDeps {
  readonly repository: OrganisationRepository;
  readonly verifier: TokenVerifier;
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly newId?: () => string;
}

export type OrganisationService = ReturnType<typeof makeOrganisationService>;

/** The caller's organisation, or NotFound: a token naming an organisation that does not exist finds nothing. */
export async function findCallerOrganisation(repository: Pick<OrganisationRepository, "findOrganisation">, caller: Caller): Promise<Organisation> {
  const organisation = UUID_PATTERN.test(caller.organisationId) ? await repository.findOrganisation(caller.organisationId) : undefined;
  if (!organisation) throw notFound("organisation not found");
  return organisation;
}

/**
 * The organisation use cases. Internal ones (identity's registration and login) accept only service
 * tokens; every other one authenticates a user, checks a permission and works inside the organisation
 * the user's token names — never one taken from the request.
 */
export function makeOrganisationService(deps: OrganisationServiceDeps) {
  const { repository, verifier, logger } = deps;
  const clock = deps.clock ?? { now: () => new Date() };
  const newId = deps.newId ?? randomUUID;

  async function member(context: CallContext): Promise<Caller> {
    return authenticate(verifier, context);
  }

  const callerOrganisation = (caller: Caller): Promise<Organisation> => findCallerOrganisation(repository, caller);

  async function createWithCode(input: NewOrganisation, code: string): Promise<Organisation> {
    const now = clock.now();
    const organisation: Organisation = { id: newId(), name: input.name.trim(), code, description: input.description, createdAt: now };
    const founder: Member = {
      organisationId: organisation.id,
      userId: input.founderUserId,
      displayName: input.founderDisplayName.trim(),
      departmentId: undefined,
      roles: ["administrator"],
      joinedAt: now,
    };
    await repository.createOrganisation(organisation, founder, [
      { type: "OrganisationCreated", organisationId: organisation.id, code, name: organisation.name, founderUserId: founder.userId, occurredAt: now },
      { type: "MemberJoined", organisationId: organisation.id, userId: founder.userId, roles: founder.roles, occurredAt: now },
    ]);
    logger.info({ organisationId: organisation.id, code }, "organisation created");
    return organisation;
  }

  return {
    /** Internal (identity). The founder becomes the first administrator. */
    async createOrganisation(context: CallContext, input: NewOrganisation): Promise<Organisation> {
      await authenticateService(verifier, context, INTERNAL_CALLERS);
      validateNewOrganisation(input);
      if (input.code !== "") {
        try {
          return await createWithCode(input, input.code);
        } catch (error) {
          if (isYunxiError(error, "AlreadyExists")) throw alreadyExists(`organisation code ${input.code} is taken`);
          throw error;
        }
      }
      for (let attempt = 1; ; attempt++) {
        try {
          return await createWithCode(input, generateCode());
        } catch (error) {
          // A clash of generated codes is rare (40 bits); try a fresh one a few times.
          if (!isYunxiError(error, "AlreadyExists") || attempt >= GENERATED_CODE_ATTEMPTS) throw error;
        }
      }
    },

    /** Internal (identity). Joins as `member`. */
    async joinOrganisation(context: CallContext, input: { organisationCode: string; userId: string; displayName: string }): Promise<MembershipOfUser> {
      await authenticateService(verifier, context, INTERNAL_CALLERS);
      validateJoin(input);
      const organisation = await repository.findOrganisationByCode(input.organisationCode);
      if (!organisation) throw notFound(`no organisation has the code ${input.organisationCode}`);
      const now = clock.now();
      const joined: Member = { organisationId: organisation.id, userId: input.userId, displayName: input.displayName.trim(), departmentId: undefined, roles: ["member"], joinedAt: now };
      try {
        await repository.addMember(joined, [{ type: "MemberJoined", organisationId: organisation.id, userId: joined.userId, roles: joined.roles, occurredAt: now }]);
      } catch (error) {
        if (isYunxiError(error, "AlreadyExists")) throw alreadyExists("the user is already a member of this organisation");
        throw error;
      }
      return { ...joined, organisationCode: organisation.code, organisationName: organisation.name };
    },

    /** Internal (identity), for login. */
    async listMembershipsOfUser(context: CallContext, userId: string): Promise<MembershipOfUser[]> {
      await authenticateService(verifier, context, INTERNAL_CALLERS);
      if (userId.trim() === "") throw invalidArgument("user_id is required", { violations: [{ field: "user_id", message: "must not be empty" }] });
      return repository.listMembershipsOfUser(userId);
    },

    async getOrganisation(context: CallContext): Promise<Organisation> {
      const caller = await member(context);
      return callerOrganisation(caller);
    },

    async updateOrganisation(context: CallContext, changes: OrganisationChanges): Promise<Organisation> {
      const caller = await member(context);
      requirePermission(caller, "organisation.manage");
      validateOrganisationChanges(changes);
      const organisation = await callerOrganisation(caller);
      const updated = await repository.updateOrganisation(organisation.id, { ...changes, ...(changes.name === undefined ? {} : { name: changes.name.trim() }) });
      if (!updated) throw notFound("organisation not found");
      return updated;
    },

    async createDepartment(context: CallContext, input: { name: string; sortOrder: number }): Promise<Department> {
      const caller = await member(context);
      requirePermission(caller, "organisation.manage");
      validateDepartment(input, true);
      const organisation = await callerOrganisation(caller);
      const department: Department = { id: newId(), organisationId: organisation.id, name: input.name.trim(), sortOrder: input.sortOrder, createdAt: clock.now() };
      await repository.createDepartment(department);
      return department;
    },

    async listDepartments(context: CallContext): Promise<Department[]> {
      const caller = await member(context);
      const organisation = await callerOrganisation(caller);
      return repository.listDepartments(organisation.id);
    },

    async renameDepartment(context: CallContext, id: string, changes: DepartmentChanges): Promise<Department> {
      const caller = await member(context);
      requirePermission(caller, "organisation.manage");
      if (!UUID_PATTERN.test(id)) throw invalidArgument("invalid department id", { violations: [{ field: "id", message: "must be a UUID" }] });
      validateDepartment(changes, false);
      const organisation = await callerOrganisation(caller);
      const updated = await repository.updateDepartment(organisation.id, id, { ...changes, ...(changes.name === undefined ? {} : { name: changes.name.trim() }) });
      if (!updated) throw notFound("department not found");
      return updated;
    },

    async listMembers(context: CallContext): Promise<Member[]> {
      const caller = await member(context);
      if (!caller.permissions.has("people.manage") && !caller.permissions.has("records.read")) throw permissionDenied("missing permission people.manage or records.read");
      const organisation = await callerOrganisation(caller);
      return repository.listMembers(organisation.id);
    },

    /** Replaces a member's roles (and department, when given: "" clears it). */
    async setMemberRoles(context: CallContext, input: { userId: string; roles: readonly string[]; departmentId?: string }): Promise<Member> {
      const caller = await member(context);
      requirePermission(caller, "people.manage");
      const roles = parseRoles(input.roles);
      const departmentId = input.departmentId;
      if (departmentId !== undefined && departmentId !== "" && !UUID_PATTERN.test(departmentId)) {
        throw invalidArgument("invalid department id", { violations: [{ field: "department_id", message: "must be a UUID or empty" }] });
      }
      const organisation = await callerOrganisation(caller);
      if (departmentId && !(await repository.findDepartment(organisation.id, departmentId))) throw notFound("department not found");
      const now = clock.now();
      const changed = await repository.changeMember(organisation.id, input.userId, (current, administrators) => {
        assertAdministratorRemains(administrators, current.userId, roles);
        const next: Member = { ...current, roles, ...(departmentId === undefined ? {} : { departmentId: departmentId === "" ? undefined : departmentId }) };
        const events = sameRoles(current.roles, roles)
          ? []
          : [{ type: "MemberRolesChanged" as const, organisationId: organisation.id, userId: current.userId, previousRoles: current.roles, roles, changedBy: caller.userId, occurredAt: now }];
        return { member: next, events };
      });
      if (!changed) throw notFound("member not found");
      logger.info({ organisationId: organisation.id, userId: input.userId, roles, by: caller.userId }, "member roles set");
      return changed;
    },
  };
}

