import { loadPackageDefinition, type ServiceDefinition, type UntypedServiceImplementation } from "@grpc/grpc-js";
import type { PackageDefinition } from "@grpc/proto-loader";
import { unary, type Logger } from "@yunxi/platform";
import { loadProtoDefinition } from "@yunxi/proto";
import type { CreateDepartmentRequest__Output } from "@yunxi/proto/generated/yunxi/organisation/v1/CreateDepartmentRequest";
import type { CreateOrganisationRequest__Output } from "@yunxi/proto/generated/yunxi/organisation/v1/CreateOrganisationRequest";
import type { Department as DepartmentMessage } from "@yunxi/proto/generated/yunxi/organisation/v1/Department";
import type { JoinOrganisationRequest__Output } from "@yunxi/proto/generated/yunxi/organisation/v1/JoinOrganisationRequest";
import type { ListMembershipsOfUserRequest__Output } from "@yunxi/proto/generated/yunxi/organisation/v1/ListMembershipsOfUserRequest";
import type { Membership as MembershipMessage } from "@yunxi/proto/generated/yunxi/organisation/v1/Membership";
import type { Organisation as OrganisationMessage } from "@yunxi/proto/generated/yunxi/organisation/v1/Organisation";
import type { RenameDepartmentRequest__Output } from "@yunxi/proto/generated/yunxi/organisation/v1/RenameDepartmentRequest";
import type { SetMemberRolesRequest__Output } from "@yunxi/proto/generated/yunxi/organisation/v1/SetMemberRolesRequest";
import type { UpdateOrganisationRequest__Output } from "@yunxi/proto/generated/yunxi/organisation/v1/UpdateOrganisationRequest";
import type { OrganisationService } from "../../app/organisation-service.js";
import type { Department, Member, MembershipOfUser, Organisation } from "../../domain/organisation.js";

export const ORGANISATION_PROTO = "yunxi/organisation/v1/organisation.proto";

/** The package definition and service definition of OrganisationService. */
export function organisationServiceDefinition(): { packageDefinition: PackageDefinition; service: ServiceDefinition } {
  const packageDefinition = loadProtoDefinition(ORGANISATION_PROTO);
  const loaded = loadPackageDefinition(packageDefinition) as unknown as { yunxi: { organisation: { v1: { OrganisationService: { service: ServiceDefinition } } } } };
  return { packageDefinition, service: loaded.yunxi.organisation.v1.OrganisationService.service };
}

const organisationMessage = (o: Organisation): OrganisationMessage => ({ id: o.id, name: o.name, code: o.code, description: o.description, createdAt: o.createdAt.toISOString() });
const departmentMessage = (d: Department): DepartmentMessage => ({ id: d.id, organisationId: d.organisationId, name: d.name, sortOrder: d.sortOrder, createdAt: d.createdAt.toISOString() });
const membershipMessage = (m: Member | MembershipOfUser): MembershipMessage => ({
  userId: m.userId,
  organisationId: m.organisationId,
  organisationCode: "organisationCode" in m ? m.organisationCode : "",
  organisationName: "organisationName" in m ? m.organisationName : "",
  departmentId: m.departmentId ?? "",
  roles: [...m.roles],
  displayName: m.displayName,
  joinedAt: m.joinedAt.toISOString(),
});

/** gRPC handlers of OrganisationService: translation only; authentication and rules live in the use cases. */
export function makeOrganisationGrpc(service: OrganisationService, logger: Logger): UntypedServiceImplementation {
  return {
    CreateOrganisation: unary<CreateOrganisationRequest__Output, OrganisationMessage>(logger, async (req, ctx) =>
      organisationMessage(
        await service.createOrganisation(ctx, { name: req.name, code: req.code, description: req.description, founderUserId: req.founderUserId, founderDisplayName: req.founderDisplayName }),
      ),
    ),
    JoinOrganisation: unary<JoinOrganisationRequest__Output, MembershipMessage>(logger, async (req, ctx) =>
      membershipMessage(await service.joinOrganisation(ctx, { organisationCode: req.organisationCode, userId: req.userId, displayName: req.displayName })),
    ),
    ListMembershipsOfUser: unary<ListMembershipsOfUserRequest__Output, { memberships: MembershipMessage[] }>(logger, async (req, ctx) => ({
      memberships: (await service.listMembershipsOfUser(ctx, req.userId)).map(membershipMessage),
    })),
    GetOrganisation: unary<unknown, OrganisationMessage>(logger, async (_req, ctx) => organisationMessage(await service.getOrganisation(ctx))),
    UpdateOrganisation: unary<UpdateOrganisationRequest__Output, OrganisationMessage>(logger, async (req, ctx) =>
      organisationMessage(await service.updateOrganisation(ctx, { ...(req.name === undefined ? {} : { name: req.name }), ...(req.description === undefined ? {} : { description: req.description }) })),
    ),
    CreateDepartment: unary<CreateDepartmentRequest__Output, DepartmentMessage>(logger, async (req, ctx) =>
      departmentMessage(await service.createDepartment(ctx, { name: req.name, sortOrder: req.sortOrder })),
    ),
    ListDepartments: unary<unknown, { departments: DepartmentMessage[] }>(logger, async (_req, ctx) => ({ departments: (await service.listDepartments(ctx)).map(departmentMessage) })),
    RenameDepartment: unary<RenameDepartmentRequest__Output, DepartmentMessage>(logger, async (req, ctx) =>
      departmentMessage(
        await service.renameDepartment(ctx, req.id, { ...(req.name === undefined ? {} : { name: req.name }), ...(req.sortOrder === undefined ? {} : { sortOrder: req.sortOrder }) }),
      ),
    ),
    ListMembers: unary<unknown, { members: MembershipMessage[] }>(logger, async (_req, ctx) => ({ members: (await service.listMembers(ctx)).map(membershipMessage) })),
    SetMemberRoles: unary<SetMemberRolesRequest__Output, MembershipMessage>(logger, async (req, ctx) =>
      membershipMessage(await service.setMemberRoles(ctx, { userId: req.userId, roles: req.roles, ...(req.departmentId === undefined ? {} : { departmentId: req.departmentId }) })),
    ),
  };
}
