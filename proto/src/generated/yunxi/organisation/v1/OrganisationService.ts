// Original file: proto/yunxi/organisation/v1/organisation.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateDepartmentRequest as _yunxi_organisation_v1_CreateDepartmentRequest, CreateDepartmentRequest__Output as _yunxi_organisation_v1_CreateDepartmentRequest__Output } from '../../../yunxi/organisation/v1/CreateDepartmentRequest.js';
import type { CreateNotificationChannelRequest as _yunxi_organisation_v1_CreateNotificationChannelRequest, CreateNotificationChannelRequest__Output as _yunxi_organisation_v1_CreateNotificationChannelRequest__Output } from '../../../yunxi/organisation/v1/CreateNotificationChannelRequest.js';
import type { CreateOrganisationRequest as _yunxi_organisation_v1_CreateOrganisationRequest, CreateOrganisationRequest__Output as _yunxi_organisation_v1_CreateOrganisationRequest__Output } from '../../../yunxi/organisation/v1/CreateOrganisationRequest.js';
import type { DeleteNotificationChannelRequest as _yunxi_organisation_v1_DeleteNotificationChannelRequest, DeleteNotificationChannelRequest__Output as _yunxi_organisation_v1_DeleteNotificationChannelRequest__Output } from '../../../yunxi/organisation/v1/DeleteNotificationChannelRequest.js';
import type { DeleteNotificationChannelResponse as _yunxi_organisation_v1_DeleteNotificationChannelResponse, DeleteNotificationChannelResponse__Output as _yunxi_organisation_v1_DeleteNotificationChannelResponse__Output } from '../../../yunxi/organisation/v1/DeleteNotificationChannelResponse.js';
import type { Department as _yunxi_organisation_v1_Department, Department__Output as _yunxi_organisation_v1_Department__Output } from '../../../yunxi/organisation/v1/Department.js';
import type { GetOrganisationRequest as _yunxi_organisation_v1_GetOrganisationRequest, GetOrganisationRequest__Output as _yunxi_organisation_v1_GetOrganisationRequest__Output } from '../../../yunxi/organisation/v1/GetOrganisationRequest.js';
import type { JoinOrganisationRequest as _yunxi_organisation_v1_JoinOrganisationRequest, JoinOrganisationRequest__Output as _yunxi_organisation_v1_JoinOrganisationRequest__Output } from '../../../yunxi/organisation/v1/JoinOrganisationRequest.js';
import type { ListAlarmDeliveriesRequest as _yunxi_organisation_v1_ListAlarmDeliveriesRequest, ListAlarmDeliveriesRequest__Output as _yunxi_organisation_v1_ListAlarmDeliveriesRequest__Output } from '../../../yunxi/organisation/v1/ListAlarmDeliveriesRequest.js';
import type { ListAlarmDeliveriesResponse as _yunxi_organisation_v1_ListAlarmDeliveriesResponse, ListAlarmDeliveriesResponse__Output as _yunxi_organisation_v1_ListAlarmDeliveriesResponse__Output } from '../../../yunxi/organisation/v1/ListAlarmDeliveriesResponse.js';
import type { ListDepartmentsRequest as _yunxi_organisation_v1_ListDepartmentsRequest, ListDepartmentsRequest__Output as _yunxi_organisation_v1_ListDepartmentsRequest__Output } from '../../../yunxi/organisation/v1/ListDepartmentsRequest.js';
import type { ListDepartmentsResponse as _yunxi_organisation_v1_ListDepartmentsResponse, ListDepartmentsResponse__Output as _yunxi_organisation_v1_ListDepartmentsResponse__Output } from '../../../yunxi/organisation/v1/ListDepartmentsResponse.js';
import type { ListMembersRequest as _yunxi_organisation_v1_ListMembersRequest, ListMembersRequest__Output as _yunxi_organisation_v1_ListMembersRequest__Output } from '../../../yunxi/organisation/v1/ListMembersRequest.js';
import type { ListMembersResponse as _yunxi_organisation_v1_ListMembersResponse, ListMembersResponse__Output as _yunxi_organisation_v1_ListMembersResponse__Output } from '../../../yunxi/organisation/v1/ListMembersResponse.js';
import type { ListMembershipsOfUserRequest as _yunxi_organisation_v1_ListMembershipsOfUserRequest, ListMembershipsOfUserRequest__Output as _yunxi_organisation_v1_ListMembershipsOfUserRequest__Output } from '../../../yunxi/organisation/v1/ListMembershipsOfUserRequest.js';
import type { ListMembershipsOfUserResponse as _yunxi_organisation_v1_ListMembershipsOfUserResponse, ListMembershipsOfUserResponse__Output as _yunxi_organisation_v1_ListMembershipsOfUserResponse__Output } from '../../../yunxi/organisation/v1/ListMembershipsOfUserResponse.js';
import type { ListNotificationChannelsRequest as _yunxi_organisation_v1_ListNotificationChannelsRequest, ListNotificationChannelsRequest__Output as _yunxi_organisation_v1_ListNotificationChannelsRequest__Output } from '../../../yunxi/organisation/v1/ListNotificationChannelsRequest.js';
import type { ListNotificationChannelsResponse as _yunxi_organisation_v1_ListNotificationChannelsResponse, ListNotificationChannelsResponse__Output as _yunxi_organisation_v1_ListNotificationChannelsResponse__Output } from '../../../yunxi/organisation/v1/ListNotificationChannelsResponse.js';
import type { Membership as _yunxi_organisation_v1_Membership, Membership__Output as _yunxi_organisation_v1_Membership__Output } from '../../../yunxi/organisation/v1/Membership.js';
import type { NotificationChannel as _yunxi_organisation_v1_NotificationChannel, NotificationChannel__Output as _yunxi_organisation_v1_NotificationChannel__Output } from '../../../yunxi/organisation/v1/NotificationChannel.js';
import type { Organisation as _yunxi_organisation_v1_Organisation, Organisation__Output as _yunxi_organisation_v1_Organisation__Output } from '../../../yunxi/organisation/v1/Organisation.js';
import type { RenameDepartmentRequest as _yunxi_organisation_v1_RenameDepartmentRequest, RenameDepartmentRequest__Output as _yunxi_organisation_v1_RenameDepartmentRequest__Output } from '../../../yunxi/organisation/v1/RenameDepartmentRequest.js';
import type { SetMemberRolesRequest as _yunxi_organisation_v1_SetMemberRolesRequest, SetMemberRolesRequest__Output as _yunxi_organisation_v1_SetMemberRolesRequest__Output } from '../../../yunxi/organisation/v1/SetMemberRolesRequest.js';
import type { TestNotificationChannelRequest as _yunxi_organisation_v1_TestNotificationChannelRequest, TestNotificationChannelRequest__Output as _yunxi_organisation_v1_TestNotificationChannelRequest__Output } from '../../../yunxi/organisation/v1/TestNotificationChannelRequest.js';
import type { TestNotificationChannelResponse as _yunxi_organisation_v1_TestNotificationChannelResponse, TestNotificationChannelResponse__Output as _yunxi_organisation_v1_TestNotificationChannelResponse__Output } from '../../../yunxi/organisation/v1/TestNotificationChannelResponse.js';
import type { UpdateNotificationChannelRequest as _yunxi_organisation_v1_UpdateNotificationChannelRequest, UpdateNotificationChannelRequest__Output as _yunxi_organisation_v1_UpdateNotificationChannelRequest__Output } from '../../../yunxi/organisation/v1/UpdateNotificationChannelRequest.js';
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
  
  CreateNotificationChannel(argument: _yunxi_organisation_v1_CreateNotificationChannelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_NotificationChannel__Output>): grpc.ClientUnaryCall;
  CreateNotificationChannel(argument: _yunxi_organisation_v1_CreateNotificationChannelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_NotificationChannel__Output>): grpc.ClientUnaryCall;
  CreateNotificationChannel(argument: _yunxi_organisation_v1_CreateNotificationChannelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_NotificationChannel__Output>): grpc.ClientUnaryCall;
  CreateNotificationChannel(argument: _yunxi_organisation_v1_CreateNotificationChannelRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_NotificationChannel__Output>): grpc.ClientUnaryCall;
  createNotificationChannel(argument: _yunxi_organisation_v1_CreateNotificationChannelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_NotificationChannel__Output>): grpc.ClientUnaryCall;
  createNotificationChannel(argument: _yunxi_organisation_v1_CreateNotificationChannelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_NotificationChannel__Output>): grpc.ClientUnaryCall;
  createNotificationChannel(argument: _yunxi_organisation_v1_CreateNotificationChannelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_NotificationChannel__Output>): grpc.ClientUnaryCall;
  createNotificationChannel(argument: _yunxi_organisation_v1_CreateNotificationChannelRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_NotificationChannel__Output>): grpc.ClientUnaryCall;
  
  CreateOrganisation(argument: _yunxi_organisation_v1_CreateOrganisationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  CreateOrganisation(argument: _yunxi_organisation_v1_CreateOrganisationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  CreateOrganisation(argument: _yunxi_organisation_v1_CreateOrganisationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  CreateOrganisation(argument: _yunxi_organisation_v1_CreateOrganisationRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  createOrganisation(argument: _yunxi_organisation_v1_CreateOrganisationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  createOrganisation(argument: _yunxi_organisation_v1_CreateOrganisationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  createOrganisation(argument: _yunxi_organisation_v1_CreateOrganisationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  createOrganisation(argument: _yunxi_organisation_v1_CreateOrganisationRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_Organisation__Output>): grpc.ClientUnaryCall;
  
  DeleteNotificationChannel(argument: _yunxi_organisation_v1_DeleteNotificationChannelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_DeleteNotificationChannelResponse__Output>): grpc.ClientUnaryCall;
  DeleteNotificationChannel(argument: _yunxi_organisation_v1_DeleteNotificationChannelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_DeleteNotificationChannelResponse__Output>): grpc.ClientUnaryCall;
  DeleteNotificationChannel(argument: _yunxi_organisation_v1_DeleteNotificationChannelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_DeleteNotificationChannelResponse__Output>): grpc.ClientUnaryCall;
  DeleteNotificationChannel(argument: _yunxi_organisation_v1_DeleteNotificationChannelRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_DeleteNotificationChannelResponse__Output>): grpc.ClientUnaryCall;
  deleteNotificationChannel(argument: _yunxi_organisation_v1_DeleteNotificationChannelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_DeleteNotificationChannelResponse__Output>): grpc.ClientUnaryCall;
  deleteNotificationChannel(argument: _yunxi_organisation_v1_DeleteNotificationChannelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_DeleteNotificationChannelResponse__Output>): grpc.ClientUnaryCall;
  deleteNotificationChannel(argument: _yunxi_organisation_v1_DeleteNotificationChannelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_DeleteNotificationChannelResponse__Output>): grpc.ClientUnaryCall;
  deleteNotificationChannel(argument: _yunxi_organisation_v1_DeleteNotificationChannelRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_DeleteNotificationChannelResponse__Output>): grpc.ClientUnaryCall;
  
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
  
  ListAlarmDeliveries(argument: _yunxi_organisation_v1_ListAlarmDeliveriesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_ListAlarmDeliveriesResponse__Output>): grpc.ClientUnaryCall;
  ListAlarmDeliveries(argument: _yunxi_organisation_v1_ListAlarmDeliveriesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_ListAlarmDeliveriesResponse__Output>): grpc.ClientUnaryCall;
  ListAlarmDeliveries(argument: _yunxi_organisation_v1_ListAlarmDeliveriesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_ListAlarmDeliveriesResponse__Output>): grpc.ClientUnaryCall;
  ListAlarmDeliveries(argument: _yunxi_organisation_v1_ListAlarmDeliveriesRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_ListAlarmDeliveriesResponse__Output>): grpc.ClientUnaryCall;
  listAlarmDeliveries(argument: _yunxi_organisation_v1_ListAlarmDeliveriesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_ListAlarmDeliveriesResponse__Output>): grpc.ClientUnaryCall;
  listAlarmDeliveries(argument: _yunxi_organisation_v1_ListAlarmDeliveriesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_ListAlarmDeliveriesResponse__Output>): grpc.ClientUnaryCall;
  listAlarmDeliveries(argument: _yunxi_organisation_v1_ListAlarmDeliveriesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_ListAlarmDeliveriesResponse__Output>): grpc.ClientUnaryCall;
  listAlarmDeliveries(argument: _yunxi_organisation_v1_ListAlarmDeliveriesRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_ListAlarmDeliveriesResponse__Output>): grpc.ClientUnaryCall;
  
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
  
  ListNotificationChannels(argument: _yunxi_organisation_v1_ListNotificationChannelsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_ListNotificationChannelsResponse__Output>): grpc.ClientUnaryCall;
  ListNotificationChannels(argument: _yunxi_organisation_v1_ListNotificationChannelsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_ListNotificationChannelsResponse__Output>): grpc.ClientUnaryCall;
  ListNotificationChannels(argument: _yunxi_organisation_v1_ListNotificationChannelsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_ListNotificationChannelsResponse__Output>): grpc.ClientUnaryCall;
  ListNotificationChannels(argument: _yunxi_organisation_v1_ListNotificationChannelsRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_ListNotificationChannelsResponse__Output>): grpc.ClientUnaryCall;
  listNotificationChannels(argument: _yunxi_organisation_v1_ListNotificationChannelsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_ListNotificationChannelsResponse__Output>): grpc.ClientUnaryCall;
  listNotificationChannels(argument: _yunxi_organisation_v1_ListNotificationChannelsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_ListNotificationChannelsResponse__Output>): grpc.ClientUnaryCall;
  listNotificationChannels(argument: _yunxi_organisation_v1_ListNotificationChannelsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_ListNotificationChannelsResponse__Output>): grpc.ClientUnaryCall;
  listNotificationChannels(argument: _yunxi_organisation_v1_ListNotificationChannelsRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_ListNotificationChannelsResponse__Output>): grpc.ClientUnaryCall;
  
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
  
  TestNotificationChannel(argument: _yunxi_organisation_v1_TestNotificationChannelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_TestNotificationChannelResponse__Output>): grpc.ClientUnaryCall;
  TestNotificationChannel(argument: _yunxi_organisation_v1_TestNotificationChannelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_TestNotificationChannelResponse__Output>): grpc.ClientUnaryCall;
  TestNotificationChannel(argument: _yunxi_organisation_v1_TestNotificationChannelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_TestNotificationChannelResponse__Output>): grpc.ClientUnaryCall;
  TestNotificationChannel(argument: _yunxi_organisation_v1_TestNotificationChannelRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_TestNotificationChannelResponse__Output>): grpc.ClientUnaryCall;
  testNotificationChannel(argument: _yunxi_organisation_v1_TestNotificationChannelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_TestNotificationChannelResponse__Output>): grpc.ClientUnaryCall;
  testNotificationChannel(argument: _yunxi_organisation_v1_TestNotificationChannelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_TestNotificationChannelResponse__Output>): grpc.ClientUnaryCall;
  testNotificationChannel(argument: _yunxi_organisation_v1_TestNotificationChannelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_TestNotificationChannelResponse__Output>): grpc.ClientUnaryCall;
  testNotificationChannel(argument: _yunxi_organisation_v1_TestNotificationChannelRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_TestNotificationChannelResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateNotificationChannel(argument: _yunxi_organisation_v1_UpdateNotificationChannelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_NotificationChannel__Output>): grpc.ClientUnaryCall;
  UpdateNotificationChannel(argument: _yunxi_organisation_v1_UpdateNotificationChannelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_NotificationChannel__Output>): grpc.ClientUnaryCall;
  UpdateNotificationChannel(argument: _yunxi_organisation_v1_UpdateNotificationChannelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_NotificationChannel__Output>): grpc.ClientUnaryCall;
  UpdateNotificationChannel(argument: _yunxi_organisation_v1_UpdateNotificationChannelRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_NotificationChannel__Output>): grpc.ClientUnaryCall;
  updateNotificationChannel(argument: _yunxi_organisation_v1_UpdateNotificationChannelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_NotificationChannel__Output>): grpc.ClientUnaryCall;
  updateNotificationChannel(argument: _yunxi_organisation_v1_UpdateNotificationChannelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_organisation_v1_NotificationChannel__Output>): grpc.ClientUnaryCall;
  updateNotificationChannel(argument: _yunxi_organisation_v1_UpdateNotificationChannelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_organisation_v1_NotificationChannel__Output>): grpc.ClientUnaryCall;
  updateNotificationChannel(argument: _yunxi_organisation_v1_UpdateNotificationChannelRequest, callback: grpc.requestCallback<_yunxi_organisation_v1_NotificationChannel__Output>): grpc.ClientUnaryCall;
  
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
  
  CreateNotificationChannel: grpc.handleUnaryCall<_yunxi_organisation_v1_CreateNotificationChannelRequest__Output, _yunxi_organisation_v1_NotificationChannel>;
  
  CreateOrganisation: grpc.handleUnaryCall<_yunxi_organisation_v1_CreateOrganisationRequest__Output, _yunxi_organisation_v1_Organisation>;
  
  DeleteNotificationChannel: grpc.handleUnaryCall<_yunxi_organisation_v1_DeleteNotificationChannelRequest__Output, _yunxi_organisation_v1_DeleteNotificationChannelResponse>;
  
  GetOrganisation: grpc.handleUnaryCall<_yunxi_organisation_v1_GetOrganisationRequest__Output, _yunxi_organisation_v1_Organisation>;
  
  JoinOrganisation: grpc.handleUnaryCall<_yunxi_organisation_v1_JoinOrganisationRequest__Output, _yunxi_organisation_v1_Membership>;
  
  ListAlarmDeliveries: grpc.handleUnaryCall<_yunxi_organisation_v1_ListAlarmDeliveriesRequest__Output, _yunxi_organisation_v1_ListAlarmDeliveriesResponse>;
  
  ListDepartments: grpc.handleUnaryCall<_yunxi_organisation_v1_ListDepartmentsRequest__Output, _yunxi_organisation_v1_ListDepartmentsResponse>;
  
  ListMembers: grpc.handleUnaryCall<_yunxi_organisation_v1_ListMembersRequest__Output, _yunxi_organisation_v1_ListMembersResponse>;
  
  ListMembershipsOfUser: grpc.handleUnaryCall<_yunxi_organisation_v1_ListMembershipsOfUserRequest__Output, _yunxi_organisation_v1_ListMembershipsOfUserResponse>;
  
  ListNotificationChannels: grpc.handleUnaryCall<_yunxi_organisation_v1_ListNotificationChannelsRequest__Output, _yunxi_organisation_v1_ListNotificationChannelsResponse>;
  
  RenameDepartment: grpc.handleUnaryCall<_yunxi_organisation_v1_RenameDepartmentRequest__Output, _yunxi_organisation_v1_Department>;
  
  SetMemberRoles: grpc.handleUnaryCall<_yunxi_organisation_v1_SetMemberRolesRequest__Output, _yunxi_organisation_v1_Membership>;
  
  TestNotificationChannel: grpc.handleUnaryCall<_yunxi_organisation_v1_TestNotificationChannelRequest__Output, _yunxi_organisation_v1_TestNotificationChannelResponse>;
  
  UpdateNotificationChannel: grpc.handleUnaryCall<_yunxi_organisation_v1_UpdateNotificationChannelRequest__Output, _yunxi_organisation_v1_NotificationChannel>;
  
  UpdateOrganisation: grpc.handleUnaryCall<_yunxi_organisation_v1_UpdateOrganisationRequest__Output, _yunxi_organisation_v1_Organisation>;
  
}

export interface OrganisationServiceDefinition extends grpc.ServiceDefinition {
  CreateDepartment: MethodDefinition<_yunxi_organisation_v1_CreateDepartmentRequest, _yunxi_organisation_v1_Department, _yunxi_organisation_v1_CreateDepartmentRequest__Output, _yunxi_organisation_v1_Department__Output>
  CreateNotificationChannel: MethodDefinition<_yunxi_organisation_v1_CreateNotificationChannelRequest, _yunxi_organisation_v1_NotificationChannel, _yunxi_organisation_v1_CreateNotificationChannelRequest__Output, _yunxi_organisation_v1_NotificationChannel__Output>
  CreateOrganisation: MethodDefinition<_yunxi_organisation_v1_CreateOrganisationRequest, _yunxi_organisation_v1_Organisation, _yunxi_organisation_v1_CreateOrganisationRequest__Output, _yunxi_organisation_v1_Organisation__Output>
  DeleteNotificationChannel: MethodDefinition<_yunxi_organisation_v1_DeleteNotificationChannelRequest, _yunxi_organisation_v1_DeleteNotificationChannelResponse, _yunxi_organisation_v1_DeleteNotificationChannelRequest__Output, _yunxi_organisation_v1_DeleteNotificationChannelResponse__Output>
  GetOrganisation: MethodDefinition<_yunxi_organisation_v1_GetOrganisationRequest, _yunxi_organisation_v1_Organisation, _yunxi_organisation_v1_GetOrganisationRequest__Output, _yunxi_organisation_v1_Organisation__Output>
  JoinOrganisation: MethodDefinition<_yunxi_organisation_v1_JoinOrganisationRequest, _yunxi_organisation_v1_Membership, _yunxi_organisation_v1_JoinOrganisationRequest__Output, _yunxi_organisation_v1_Membership__Output>
  ListAlarmDeliveries: MethodDefinition<_yunxi_organisation_v1_ListAlarmDeliveriesRequest, _yunxi_organisation_v1_ListAlarmDeliveriesResponse, _yunxi_organisation_v1_ListAlarmDeliveriesRequest__Output, _yunxi_organisation_v1_ListAlarmDeliveriesResponse__Output>
  ListDepartments: MethodDefinition<_yunxi_organisation_v1_ListDepartmentsRequest, _yunxi_organisation_v1_ListDepartmentsResponse, _yunxi_organisation_v1_ListDepartmentsRequest__Output, _yunxi_organisation_v1_ListDepartmentsResponse__Output>
  ListMembers: MethodDefinition<_yunxi_organisation_v1_ListMembersRequest, _yunxi_organisation_v1_ListMembersResponse, _yunxi_organisation_v1_ListMembersRequest__Output, _yunxi_organisation_v1_ListMembersResponse__Output>
  ListMembershipsOfUser: MethodDefinition<_yunxi_organisation_v1_ListMembershipsOfUserRequest, _yunxi_organisation_v1_ListMembershipsOfUserResponse, _yunxi_organisation_v1_ListMembershipsOfUserRequest__Output, _yunxi_organisation_v1_ListMembershipsOfUserResponse__Output>
  ListNotificationChannels: MethodDefinition<_yunxi_organisation_v1_ListNotificationChannelsRequest, _yunxi_organisation_v1_ListNotificationChannelsResponse, _yunxi_organisation_v1_ListNotificationChannelsRequest__Output, _yunxi_organisation_v1_ListNotificationChannelsResponse__Output>
  RenameDepartment: MethodDefinition<_yunxi_organisation_v1_RenameDepartmentRequest, _yunxi_organisation_v1_Department, _yunxi_organisation_v1_RenameDepartmentRequest__Output, _yunxi_organisation_v1_Department__Output>
  SetMemberRoles: MethodDefinition<_yunxi_organisation_v1_SetMemberRolesRequest, _yunxi_organisation_v1_Membership, _yunxi_organisation_v1_SetMemberRolesRequest__Output, _yunxi_organisation_v1_Membership__Output>
  TestNotificationChannel: MethodDefinition<_yunxi_organisation_v1_TestNotificationChannelRequest, _yunxi_organisation_v1_TestNotificationChannelResponse, _yunxi_organisation_v1_TestNotificationChannelRequest__Output, _yunxi_organisation_v1_TestNotificationChannelResponse__Output>
  UpdateNotificationChannel: MethodDefinition<_yunxi_organisation_v1_UpdateNotificationChannelRequest, _yunxi_organisation_v1_NotificationChannel, _yunxi_organisation_v1_UpdateNotificationChannelRequest__Output, _yunxi_organisation_v1_NotificationChannel__Output>
  UpdateOrganisation: MethodDefinition<_yunxi_organisation_v1_UpdateOrganisationRequest, _yunxi_organisation_v1_Organisation, _yunxi_organisation_v1_UpdateOrganisationRequest__Output, _yunxi_organisation_v1_Organisation__Output>
}
