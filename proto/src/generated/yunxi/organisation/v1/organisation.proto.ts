import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CreateDepartmentRequest as _yunxi_organisation_v1_CreateDepartmentRequest, CreateDepartmentRequest__Output as _yunxi_organisation_v1_CreateDepartmentRequest__Output } from './CreateDepartmentRequest.js';
import type { CreateOrganisationRequest as _yunxi_organisation_v1_CreateOrganisationRequest, CreateOrganisationRequest__Output as _yunxi_organisation_v1_CreateOrganisationRequest__Output } from './CreateOrganisationRequest.js';
import type { Department as _yunxi_organisation_v1_Department, Department__Output as _yunxi_organisation_v1_Department__Output } from './Department.js';
import type { GetOrganisationRequest as _yunxi_organisation_v1_GetOrganisationRequest, GetOrganisationRequest__Output as _yunxi_organisation_v1_GetOrganisationRequest__Output } from './GetOrganisationRequest.js';
import type { JoinOrganisationRequest as _yunxi_organisation_v1_JoinOrganisationRequest, JoinOrganisationRequest__Output as _yunxi_organisation_v1_JoinOrganisationRequest__Output } from './JoinOrganisationRequest.js';
import type { ListDepartmentsRequest as _yunxi_organisation_v1_ListDepartmentsRequest, ListDepartmentsRequest__Output as _yunxi_organisation_v1_ListDepartmentsRequest__Output } from './ListDepartmentsRequest.js';
import type { ListDepartmentsResponse as _yunxi_organisation_v1_ListDepartmentsResponse, ListDepartmentsResponse__Output as _yunxi_organisation_v1_ListDepartmentsResponse__Output } from './ListDepartmentsResponse.js';
import type { ListMembersRequest as _yunxi_organisation_v1_ListMembersRequest, ListMembersRequest__Output as _yunxi_organisation_v1_ListMembersRequest__Output } from './ListMembersRequest.js';
import type { ListMembersResponse as _yunxi_organisation_v1_ListMembersResponse, ListMembersResponse__Output as _yunxi_organisation_v1_ListMembersResponse__Output } from './ListMembersResponse.js';
import type { ListMembershipsOfUserRequest as _yunxi_organisation_v1_ListMembershipsOfUserRequest, ListMembershipsOfUserRequest__Output as _yunxi_organisation_v1_ListMembershipsOfUserRequest__Output } from './ListMembershipsOfUserRequest.js';
import type { ListMembershipsOfUserResponse as _yunxi_organisation_v1_ListMembershipsOfUserResponse, ListMembershipsOfUserResponse__Output as _yunxi_organisation_v1_ListMembershipsOfUserResponse__Output } from './ListMembershipsOfUserResponse.js';
import type { Membership as _yunxi_organisation_v1_Membership, Membership__Output as _yunxi_organisation_v1_Membership__Output } from './Membership.js';
import type { Organisation as _yunxi_organisation_v1_Organisation, Organisation__Output as _yunxi_organisation_v1_Organisation__Output } from './Organisation.js';
import type { OrganisationServiceClient as _yunxi_organisation_v1_OrganisationServiceClient, OrganisationServiceDefinition as _yunxi_organisation_v1_OrganisationServiceDefinition } from './OrganisationService.js';
import type { RenameDepartmentRequest as _yunxi_organisation_v1_RenameDepartmentRequest, RenameDepartmentRequest__Output as _yunxi_organisation_v1_RenameDepartmentRequest__Output } from './RenameDepartmentRequest.js';
import type { SetMemberRolesRequest as _yunxi_organisation_v1_SetMemberRolesRequest, SetMemberRolesRequest__Output as _yunxi_organisation_v1_SetMemberRolesRequest__Output } from './SetMemberRolesRequest.js';
import type { UpdateOrganisationRequest as _yunxi_organisation_v1_UpdateOrganisationRequest, UpdateOrganisationRequest__Output as _yunxi_organisation_v1_UpdateOrganisationRequest__Output } from './UpdateOrganisationRequest.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  yunxi: {
    organisation: {
      v1: {
        CreateDepartmentRequest: MessageTypeDefinition<_yunxi_organisation_v1_CreateDepartmentRequest, _yunxi_organisation_v1_CreateDepartmentRequest__Output>
        CreateOrganisationRequest: MessageTypeDefinition<_yunxi_organisation_v1_CreateOrganisationRequest, _yunxi_organisation_v1_CreateOrganisationRequest__Output>
        Department: MessageTypeDefinition<_yunxi_organisation_v1_Department, _yunxi_organisation_v1_Department__Output>
        GetOrganisationRequest: MessageTypeDefinition<_yunxi_organisation_v1_GetOrganisationRequest, _yunxi_organisation_v1_GetOrganisationRequest__Output>
        JoinOrganisationRequest: MessageTypeDefinition<_yunxi_organisation_v1_JoinOrganisationRequest, _yunxi_organisation_v1_JoinOrganisationRequest__Output>
        ListDepartmentsRequest: MessageTypeDefinition<_yunxi_organisation_v1_ListDepartmentsRequest, _yunxi_organisation_v1_ListDepartmentsRequest__Output>
        ListDepartmentsResponse: MessageTypeDefinition<_yunxi_organisation_v1_ListDepartmentsResponse, _yunxi_organisation_v1_ListDepartmentsResponse__Output>
        ListMembersRequest: MessageTypeDefinition<_yunxi_organisation_v1_ListMembersRequest, _yunxi_organisation_v1_ListMembersRequest__Output>
        ListMembersResponse: MessageTypeDefinition<_yunxi_organisation_v1_ListMembersResponse, _yunxi_organisation_v1_ListMembersResponse__Output>
        ListMembershipsOfUserRequest: MessageTypeDefinition<_yunxi_organisation_v1_ListMembershipsOfUserRequest, _yunxi_organisation_v1_ListMembershipsOfUserRequest__Output>
        ListMembershipsOfUserResponse: MessageTypeDefinition<_yunxi_organisation_v1_ListMembershipsOfUserResponse, _yunxi_organisation_v1_ListMembershipsOfUserResponse__Output>
        Membership: MessageTypeDefinition<_yunxi_organisation_v1_Membership, _yunxi_organisation_v1_Membership__Output>
        Organisation: MessageTypeDefinition<_yunxi_organisation_v1_Organisation, _yunxi_organisation_v1_Organisation__Output>
        OrganisationService: SubtypeConstructor<typeof grpc.Client, _yunxi_organisation_v1_OrganisationServiceClient> & { service: _yunxi_organisation_v1_OrganisationServiceDefinition }
        RenameDepartmentRequest: MessageTypeDefinition<_yunxi_organisation_v1_RenameDepartmentRequest, _yunxi_organisation_v1_RenameDepartmentRequest__Output>
        SetMemberRolesRequest: MessageTypeDefinition<_yunxi_organisation_v1_SetMemberRolesRequest, _yunxi_organisation_v1_SetMemberRolesRequest__Output>
        UpdateOrganisationRequest: MessageTypeDefinition<_yunxi_organisation_v1_UpdateOrganisationRequest, _yunxi_organisation_v1_UpdateOrganisationRequest__Output>
      }
    }
  }
}

