// Original file: proto/yunxi/organisation/v1/organisation.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateDepartmentRequest as _yunxi_organisation_v1_CreateDepartmentRequest, CreateDepartmentRequest__Output as _yunxi_organisation_v1_CreateDepartmentRequest__Output } from '../../../yunxi/organisation/v1/CreateDepartmentRequest.js';
import type { CreateOrganisationRequest as _yunxi_organisation_v1_CreateOrganisationRequest, CreateOrganisationRequest__Output as _yunxi_organisation_v1_CreateOrganisationRequest__Output } from '../../../yunxi/organisation/v1/CreateOrganisationRequest.js';
import type { Department as _yunxi_organisation_v1_Department, Department__Output as _yunxi_organisation_v1_Department__Output } from '../../../yunxi/organisation/v1/Department.js';
import type { GetOrganisationRequest as _yunxi_organisation_v1_GetOrganisationRequest, GetOrganisationRequest__Output as _yunxi_organisation_v1_GetOrganisationRequest__Output } from '../../../yunxi/organisation/v1/GetOrganisationRequest.js';
import type { JoinOrganisationRequest as _yunxi_organisation_v1_JoinOrganisationRequest, JoinOrganisationRequest__Output as _yunxi_organisation_v1_JoinOrganisationRequest__Output } from '../../../yunxi/organisation/v1/JoinOrganisationRequest.js';
import type { ListDepartmentsRequest as _yunxi_organisation_v1_ListDepartmentsRequest, ListDepartmentsRequest__Output as _yunxi_organisation_v1_ListDepartmentsRequest__Output } from '../../../yunxi/organisation/v1/ListDepartmentsRequest.js';
import type { ListDepartmentsResponse as _yunxi_organisation_v1_ListDepartmentsResponse, ListDepartmentsResponse__Output as _yunxi_organisation_v1_ListDepartmentsResponse__Output } from '../../../yunxi/organisation/v1/ListDepartmentsResponse.js';
import type { ListMembersRequest as _yunxi_organisation_v1_ListMembersRequest, ListMembersRequest__Output as _yunxi_organisation_v1_ListMembersRequest__Output } from '../../../yunxi/organisation/v1/ListMembersRequest.js';
import type { ListMembersResponse as _yunxi_organisation_v1_ListMembersResponse, ListMembersResponse__Output as _yunxi_organisation_v1_ListMembersResponse__Output } from '../../../yunxi/organisation/v1/ListMembersResponse.js';
import type { ListMembershipsOfUserRequest as _yunxi_organisation_v1_ListMembershipsOfUserRequest, ListMembershipsOfUserRequest__Output as _yunxi_organisation_v1_ListMembershipsOfUserRequest__Output } from '../../../yunxi/organisation/v1/ListMembershipsOfUserRequest.js';
import type { ListMembershipsOfUserResponse as _yunxi_organisation_v1_ListMembershipsOfUserResponse, ListMembershipsOfUserResponse__Output as _yunxi_organisation_v1_ListMembershipsOfUserResponse__Output } from '../../../yunxi/organisation/v1/ListMembershipsOfUserResponse.js';
import type { Membership as _yunxi_organisation_v1_Membership, Membership__Output as _yunxi_organisation_v1_Membership__Output } from '../../../yunxi/organisation/v1/Membership.js';
import type { Organisation as _yunxi_organisation_v1_Organisation, Organisation__Output as _yunxi_organisation_v1_Organisation__Output } from '../../../yunxi/organisation/v1/Organisation.js';
import type { RenameDepartmentRequest as _yunxi_organisation_v1_RenameDepartmentRequest, RenameDepartmentRequest__Output as _yunxi_organisation_v1_RenameDepartmentRequest__Output } from '../../../yunxi/organisation/v1/RenameDepartmentRequest.js';
import type { SetMemberRolesRequest as _yunxi_organisation_v1_SetMemberRolesRequest, SetMemberRolesRequest__Output as _yunxi_organisation_v1_SetMemberRolesRequest__Output } from '../../../yunxi/organisation/v1/SetMemberRolesRequest.js';
import type { UpdateOrganisationRequest as _yunxi_organisation_v1_UpdateOrganisationRequest, UpdateOrganisationRequest__Output as _yunxi_organisation_v1_UpdateOrganisationRequest__Output } from '../../../yunxi/organisation/v1/UpdateOrganisationRequest.js';

export interface OrganisationServiceClient extends grpc.Client {
  CreateDepartment(argument: _yunxi_organisation_v1_CreateDepartmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Department__Output>): grpc.ClientUnaryCall;
  CreateDepartment(argument: _yunxi_organisation_v1_CreateDepartmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_Department__Output>): grpc.ClientUnaryCall;
  CreateDepartment(argument: _yunxi_organisation_v1_CreateDepartmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Department__Output>): grpc.ClientUnaryCall;
  CreateDepartment(argument: _yunxi_organisation_v1_CreateDepartmentRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_Department__Output>): grpc.ClientUnaryCall;
  createDepartment(argument: _yunxi_organisation_v1_CreateDepartmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Department__Output>): grpc.ClientUnaryCall;
  createDepartment(argument: _yunxi_organisation_v1_CreateDepartmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_Department__Output>): grpc.ClientUnaryCall;
  createDepartment(argument: _yunxi_organisation_v1_CreateDepartmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Department__Output>): grpc.ClientUnaryCall;
  createDepartment(argument: _yunxi_organisation_v1_CreateDepartmentRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_Department__Output>): grpc.ClientUnaryCall;
  
  CreateOrganisation(argument: _yunxi_organisation_v1_CreateOrganisationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  CreateOrganisation(argument: _yunxi_organisation_v1_CreateOrganisationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  CreateOrganisation(argument: _yunxi_organisation_v1_CreateOrganisationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  CreateOrganisation(argument: _yunxi_organisation_v1_CreateOrganisationRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  createOrganisation(argument: _yunxi_organisation_v1_CreateOrganisationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  createOrganisation(argument: _yunxi_organisation_v1_CreateOrganisationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  createOrganisation(argument: _yunxi_organisation_v1_CreateOrganisationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  createOrganisation(argument: _yunxi_organisation_v1_CreateOrganisationRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  
  GetOrganisation(argument: _yunxi_organisation_v1_GetOrganisationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  GetOrganisation(argument: _yunxi_organisation_v1_GetOrganisationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  GetOrganisation(argument: _yunxi_organisation_v1_GetOrganisationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  GetOrganisation(argument: _yunxi_organisation_v1_GetOrganisationRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  getOrganisation(argument: _yunxi_organisation_v1_GetOrganisationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  getOrganisation(argument: _yunxi_organisation_v1_GetOrganisationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  getOrganisation(argument: _yunxi_organisation_v1_GetOrganisationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  getOrganisation(argument: _yunxi_organisation_v1_GetOrganisationRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  
  JoinOrganisation(argument: _yunxi_organisation_v1_JoinOrganisationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Membership__Output>): grpc.ClientUnaryCall;
  JoinOrganisation(argument: _yunxi_organisation_v1_JoinOrganisationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_Membership__Output>): grpc.ClientUnaryCall;
  JoinOrganisation(argument: _yunxi_organisation_v1_JoinOrganisationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Membership__Output>): grpc.ClientUnaryCall;
  JoinOrganisation(argument: _yunxi_organisation_v1_JoinOrganisationRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_Membership__Output>): grpc.ClientUnaryCall;
  joinOrganisation(argument: _yunxi_organisation_v1_JoinOrganisationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Membership__Output>): grpc.ClientUnaryCall;
  joinOrganisation(argument: _yunxi_organisation_v1_JoinOrganisationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_Membership__Output>): grpc.ClientUnaryCall;
  joinOrganisation(argument: _yunxi_organisation_v1_JoinOrganisationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Membership__Output>): grpc.ClientUnaryCall;
  joinOrganisation(argument: _yunxi_organisation_v1_JoinOrganisationRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_Membership__Output>): grpc.ClientUnaryCall;
  
  ListDepartments(argument: _yunxi_organisation_v1_ListDepartmentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_ListDepartmentsResponse__Output>): grpc.ClientUnaryCall;
  ListDepartments(argument: _yunxi_organisation_v1_ListDepartmentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_ListDepartmentsResponse__Output>): grpc.ClientUnaryCall;
  ListDepartments(argument: _yunxi_organisation_v1_ListDepartmentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_ListDepartmentsResponse__Output>): grpc.ClientUnaryCall;
  ListDepartments(argument: _yunxi_organisation_v1_ListDepartmentsRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_ListDepartmentsResponse__Output>): grpc.ClientUnaryCall;
  listDepartments(argument: _yunxi_organisation_v1_ListDepartmentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_ListDepartmentsResponse__Output>): grpc.ClientUnaryCall;
  listDepartments(argument: _yunxi_organisation_v1_ListDepartmentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_ListDepartmentsResponse__Output>): grpc.ClientUnaryCall;
  listDepartments(argument: _yunxi_organisation_v1_ListDepartmentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_ListDepartmentsResponse__Output>): grpc.ClientUnaryCall;
  listDepartments(argument: _yunxi_organisation_v1_ListDepartmentsRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_ListDepartmentsResponse__Output>): grpc.ClientUnaryCall;
  
  ListMembers(argument: _yunxi_organisation_v1_ListMembersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  ListMembers(argument: _yunxi_organisation_v1_ListMembersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  ListMembers(argument: _yunxi_organisation_v1_ListMembersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  ListMembers(argument: _yunxi_organisation_v1_ListMembersRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  listMembers(argument: _yunxi_organisation_v1_ListMembersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  listMembers(argument: _yunxi_organisation_v1_ListMembersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  listMembers(argument: _yunxi_organisation_v1_ListMembersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  listMembers(argument: _yunxi_organisation_v1_ListMembersRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_ListMembersResponse__Output>): grpc.ClientUnaryCall;
  
  ListMembershipsOfUser(argument: _yunxi_organisation_v1_ListMembershipsOfUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_ListMembershipsOfUserResponse__Output>): grpc.ClientUnaryCall;
  ListMembershipsOfUser(argument: _yunxi_organisation_v1_ListMembershipsOfUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_ListMembershipsOfUserResponse__Output>): grpc.ClientUnaryCall;
  ListMembershipsOfUser(argument: _yunxi_organisation_v1_ListMembershipsOfUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_ListMembershipsOfUserResponse__Output>): grpc.ClientUnaryCall;
  ListMembershipsOfUser(argument: _yunxi_organisation_v1_ListMembershipsOfUserRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_ListMembershipsOfUserResponse__Output>): grpc.ClientUnaryCall;
  listMembershipsOfUser(argument: _yunxi_organisation_v1_ListMembershipsOfUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_ListMembershipsOfUserResponse__Output>): grpc.ClientUnaryCall;
  listMembershipsOfUser(argument: _yunxi_organisation_v1_ListMembershipsOfUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_ListMembershipsOfUserResponse__Output>): grpc.ClientUnaryCall;
  listMembershipsOfUser(argument: _yunxi_organisation_v1_ListMembershipsOfUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_ListMembershipsOfUserResponse__Output>): grpc.ClientUnaryCall;
  listMembershipsOfUser(argument: _yunxi_organisation_v1_ListMembershipsOfUserRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_ListMembershipsOfUserResponse__Output>): grpc.ClientUnaryCall;
  
  RenameDepartment(argument: _yunxi_organisation_v1_RenameDepartmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Department__Output>): grpc.ClientUnaryCall;
  RenameDepartment(argument: _yunxi_organisation_v1_RenameDepartmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_Department__Output>): grpc.ClientUnaryCall;
  RenameDepartment(argument: _yunxi_organisation_v1_RenameDepartmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Department__Output>): grpc.ClientUnaryCall;
  RenameDepartment(argument: _yunxi_organisation_v1_RenameDepartmentRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_Department__Output>): grpc.ClientUnaryCall;
  renameDepartment(argument: _yunxi_organisation_v1_RenameDepartmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Department__Output>): grpc.ClientUnaryCall;
  renameDepartment(argument: _yunxi_organisation_v1_RenameDepartmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_Department__Output>): grpc.ClientUnaryCall;
  renameDepartment(argument: _yunxi_organisation_v1_RenameDepartmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Department__Output>): grpc.ClientUnaryCall;
  renameDepartment(argument: _yunxi_organisation_v1_RenameDepartmentRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_Department__Output>): grpc.ClientUnaryCall;
  
  SetMemberRoles(argument: _yunxi_organisation_v1_SetMemberRolesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Membership__Output>): grpc.ClientUnaryCall;
  SetMemberRoles(argument: _yunxi_organisation_v1_SetMemberRolesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_Membership__Output>): grpc.ClientUnaryCall;
  SetMemberRoles(argument: _yunxi_organisation_v1_SetMemberRolesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Membership__Output>): grpc.ClientUnaryCall;
  SetMemberRoles(argument: _yunxi_organisation_v1_SetMemberRolesRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_Membership__Output>): grpc.ClientUnaryCall;
  setMemberRoles(argument: _yunxi_organisation_v1_SetMemberRolesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Membership__Output>): grpc.ClientUnaryCall;
  setMemberRoles(argument: _yunxi_organisation_v1_SetMemberRolesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_Membership__Output>): grpc.ClientUnaryCall;
  setMemberRoles(argument: _yunxi_organisation_v1_SetMemberRolesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Membership__Output>): grpc.ClientUnaryCall;
  setMemberRoles(argument: _yunxi_organisation_v1_SetMemberRolesRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_Membership__Output>): grpc.ClientUnaryCall;
  
  UpdateOrganisation(argument: _yunxi_organisation_v1_UpdateOrganisationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  UpdateOrganisation(argument: _yunxi_organisation_v1_UpdateOrganisationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  UpdateOrganisation(argument: _yunxi_organisation_v1_UpdateOrganisationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  UpdateOrganisation(argument: _yunxi_organisation_v1_UpdateOrganisationRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  updateOrganisation(argument: _yunxi_organisation_v1_UpdateOrganisationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  updateOrganisation(argument: _yunxi_organisation_v1_UpdateOrganisationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  updateOrganisation(argument: _yunxi_organisation_v1_UpdateOrganisationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  updateOrganisation(argument: _yunxi_organisation_v1_UpdateOrganisationRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  
}

export interface OrganisationServiceHandlers extends grpc.UntypedServiceImplementation {
  CreateDepartment: grpc.handleUnaryCall<_yunxi_organisation_v1_CreateDepartmentRequest__Output, _yunxi_organisation_v1_Department>;
  
  CreateOrganisation: grpc.handleUnaryCall<_yunxi_organisation_v1_CreateOrganisationRequest__Output, _yunxi_organisation_v1_Organisation>;
  
  GetOrganisation: grpc.handleUnaryCall<_yunxi_organisation_v1_GetOrganisationRequest__Output, _yunxi_organisation_v1_Organisation>;
  
  JoinOrganisation: grpc.handleUnaryCall<_yunxi_organisation_v1_JoinOrganisationRequest__Output, _yunxi_organisation_v1_Membership>;
  
  ListDepartments: grpc.handleUnaryCall<_yunxi_organisation_v1_ListDepartmentsRequest__Output, _yunxi_organisation_v1_ListDepartmentsResponse>;
  
  ListMembers: grpc.handleUnaryCall<_yunxi_organisation_v1_ListMembersRequest__Output, _yunxi_organisation_v1_ListMembersResponse>;
  
  ListMembershipsOfUser: grpc.handleUnaryCall<_yunxi_organisation_v1_ListMembershipsOfUserRequest__Output, _yunxi_organisation_v1_ListMembershipsOfUserResponse>;
  
  RenameDepartment: grpc.handleUnaryCall<_yunxi_organisation_v1_RenameDepartmentRequest__Output, _yunxi_organisation_v1_Department>;
  
  SetMemberRoles: grpc.handleUnaryCall<_yunxi_organisation_v1_SetMemberRolesRequest__Output, _yunxi_organisation_v1_Membership>;
  
  UpdateOrganisation: grpc.handleUnaryCall<_yunxi_organisation_v1_UpdateOrganisationRequest__Output, _yunxi_organisation_v1_Organisation>;
  
}

export interface OrganisationServiceDefinition extends grpc.ServiceDefinition {
  CreateDepartment: MethodDefinition<_yunxi_organisation_v1_CreateDepartmentRequest, _yunxi_organisation_v1_Department, _yunxi_organisation_v1_CreateDepartmentRequest__Output, _yunxi_organisation_v1_Department__Output>
  CreateOrganisation: MethodDefinition<_yunxi_organisation_v1_CreateOrganisationRequest, _yunxi_organisation_v1_Organisation, _yunxi_organisation_v1_CreateOrganisationRequest__Output, _yunxi_organisation_v1_Organisation__Output>
  GetOrganisation: MethodDefinition<_yunxi_organisation_v1_GetOrganisationRequest, _yunxi_organisation_v1_Organisation, _yunxi_organisation_v1_GetOrganisationRequest__Output, _yunxi_organisation_v1_Organisation__Output>
  JoinOrganisation: MethodDefinition<_yunxi_organisation_v1_JoinOrganisationRequest, _yunxi_organisation_v1_Membership, _yunxi_organisation_v1_JoinOrganisationRequest__Output, _yunxi_organisation_v1_Membership__Output>
  ListDepartments: MethodDefinition<_yunxi_organisation_v1_ListDepartmentsRequest, _yunxi_organisation_v1_ListDepartmentsResponse, _yunxi_organisation_v1_ListDepartmentsRequest__Output, _yunxi_organisation_v1_ListDepartmentsResponse__Output>
  ListMembers: MethodDefinition<_yunxi_organisation_v1_ListMembersRequest, _yunxi_organisation_v1_ListMembersResponse, _yunxi_organisation_v1_ListMembersRequest__Output, _yunxi_organisation_v1_ListMembersResponse__Output>
  ListMembershipsOfUser: MethodDefinition<_yunxi_organisation_v1_ListMembershipsOfUserRequest, _yunxi_organisation_v1_ListMembershipsOfUserResponse, _yunxi_organisation_v1_ListMembershipsOfUserRequest__Output, _yunxi_organisation_v1_ListMembershipsOfUserResponse__Output>
  RenameDepartment: MethodDefinition<_yunxi_organisation_v1_RenameDepartmentRequest, _yunxi_organisation_v1_Department, _yunxi_organisation_v1_RenameDepartmentRequest__Output, _yunxi_organisation_v1_Department__Output>
  SetMemberRoles: MethodDefinition<_yunxi_organisation_v1_SetMemberRolesRequest, _yunxi_organisation_v1_Membership, _yunxi_organisation_v1_SetMemberRolesRequest__Output, _yunxi_organisation_v1_Membership__Output>
  UpdateOrganisation: MethodDefinition<_yunxi_organisation_v1_UpdateOrganisationRequest, _yunxi_organisation_v1_Organisation, _yunxi_organisation_v1_UpdateOrganisationRequest__Output, _yunxi_organisation_v1_Organisation__Output>
}
