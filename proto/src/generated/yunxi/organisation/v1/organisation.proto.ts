import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AlarmDelivery as _yunxi_organisation_v1_AlarmDelivery, AlarmDelivery__Output as _yunxi_organisation_v1_AlarmDelivery__Output } from './AlarmDelivery.js';
import type { CreateDepartmentRequest as _yunxi_organisation_v1_CreateDepartmentRequest, CreateDepartmentRequest__Output as _yunxi_organisation_v1_CreateDepartmentRequest__Output } from './CreateDepartmentRequest.js';
import type { CreateNotificationChannelRequest as _yunxi_organisation_v1_CreateNotificationChannelRequest, CreateNotificationChannelRequest__Output as _yunxi_organisation_v1_CreateNotificationChannelRequest__Output } from './CreateNotificationChannelRequest.js';
import type { CreateOrganisationRequest as _yunxi_organisation_v1_CreateOrganisationRequest, CreateOrganisationRequest__Output as _yunxi_organisation_v1_CreateOrganisationRequest__Output } from './CreateOrganisationRequest.js';
import type { DeleteNotificationChannelRequest as _yunxi_organisation_v1_DeleteNotificationChannelRequest, DeleteNotificationChannelRequest__Output as _yunxi_organisation_v1_DeleteNotificationChannelRequest__Output } from './DeleteNotificationChannelRequest.js';
import type { DeleteNotificationChannelResponse as _yunxi_organisation_v1_DeleteNotificationChannelResponse, DeleteNotificationChannelResponse__Output as _yunxi_organisation_v1_DeleteNotificationChannelResponse__Output } from './DeleteNotificationChannelResponse.js';
import type { Department as _yunxi_organisation_v1_Department, Department__Output as _yunxi_organisation_v1_Department__Output } from './Department.js';
import type { GetOrganisationRequest as _yunxi_organisation_v1_GetOrganisationRequest, GetOrganisationRequest__Output as _yunxi_organisation_v1_GetOrganisationRequest__Output } from './GetOrganisationRequest.js';
import type { JoinOrganisationRequest as _yunxi_organisation_v1_JoinOrganisationRequest, JoinOrganisationRequest__Output as _yunxi_organisation_v1_JoinOrganisationRequest__Output } from './JoinOrganisationRequest.js';
import type { ListAlarmDeliveriesRequest as _yunxi_organisation_v1_ListAlarmDeliveriesRequest, ListAlarmDeliveriesRequest__Output as _yunxi_organisation_v1_ListAlarmDeliveriesRequest__Output } from './ListAlarmDeliveriesRequest.js';
import type { ListAlarmDeliveriesResponse as _yunxi_organisation_v1_ListAlarmDeliveriesResponse, ListAlarmDeliveriesResponse__Output as _yunxi_organisation_v1_ListAlarmDeliveriesResponse__Output } from './ListAlarmDeliveriesResponse.js';
import type { ListDepartmentsRequest as _yunxi_organisation_v1_ListDepartmentsRequest, ListDepartmentsRequest__Output as _yunxi_organisation_v1_ListDepartmentsRequest__Output } from './ListDepartmentsRequest.js';
import type { ListDepartmentsResponse as _yunxi_organisation_v1_ListDepartmentsResponse, ListDepartmentsResponse__Output as _yunxi_organisation_v1_ListDepartmentsResponse__Output } from './ListDepartmentsResponse.js';
import type { ListMembersRequest as _yunxi_organisation_v1_ListMembersRequest, ListMembersRequest__Output as _yunxi_organisation_v1_ListMembersRequest__Output } from './ListMembersRequest.js';
import type { ListMembersResponse as _yunxi_organisation_v1_ListMembersResponse, ListMembersResponse__Output as _yunxi_organisation_v1_ListMembersResponse__Output } from './ListMembersResponse.js';
import type { ListMembershipsOfUserRequest as _yunxi_organisation_v1_ListMembershipsOfUserRequest, ListMembershipsOfUserRequest__Output as _yunxi_organisation_v1_ListMembershipsOfUserRequest__Output } from './ListMembershipsOfUserRequest.js';
import type { ListMembershipsOfUserResponse as _yunxi_organisation_v1_ListMembershipsOfUserResponse, ListMembershipsOfUserResponse__Output as _yunxi_organisation_v1_ListMembershipsOfUserResponse__Output } from './ListMembershipsOfUserResponse.js';
import type { ListNotificationChannelsRequest as _yunxi_organisation_v1_ListNotificationChannelsRequest, ListNotificationChannelsRequest__Output as _yunxi_organisation_v1_ListNotificationChannelsRequest__Output } from './ListNotificationChannelsRequest.js';
import type { ListNotificationChannelsResponse as _yunxi_organisation_v1_ListNotificationChannelsResponse, ListNotificationChannelsResponse__Output as _yunxi_organisation_v1_ListNotificationChannelsResponse__Output } from './ListNotificationChannelsResponse.js';
import type { Membership as _yunxi_organisation_v1_Membership, Membership__Output as _yunxi_organisation_v1_Membership__Output } from './Membership.js';
import type { NotificationChannel as _yunxi_organisation_v1_NotificationChannel, NotificationChannel__Output as _yunxi_organisation_v1_NotificationChannel__Output } from './NotificationChannel.js';
import type { Organisation as _yunxi_organisation_v1_Organisation, Organisation__Output as _yunxi_organisation_v1_Organisation__Output } from './Organisation.js';
import type { OrganisationServiceClient as _yunxi_organisation_v1_OrganisationServiceClient, OrganisationServiceDefinition as _yunxi_organisation_v1_OrganisationServiceDefinition } from './OrganisationService.js';
import type { RenameDepartmentRequest as _yunxi_organisation_v1_RenameDepartmentRequest, RenameDepartmentRequest__Output as _yunxi_organisation_v1_RenameDepartmentRequest__Output } from './RenameDepartmentRequest.js';
import type { SetMemberRolesRequest as _yunxi_organisation_v1_SetMemberRolesRequest, SetMemberRolesRequest__Output as _yunxi_organisation_v1_SetMemberRolesRequest__Output } from './SetMemberRolesRequest.js';
import type { TestNotificationChannelRequest as _yunxi_organisation_v1_TestNotificationChannelRequest, TestNotificationChannelRequest__Output as _yunxi_organisation_v1_TestNotificationChannelRequest__Output } from './TestNotificationChannelRequest.js';
import type { TestNotificationChannelResponse as _yunxi_organisation_v1_TestNotificationChannelResponse, TestNotificationChannelResponse__Output as _yunxi_organisation_v1_TestNotificationChannelResponse__Output } from './TestNotificationChannelResponse.js';
import type { UpdateNotificationChannelRequest as _yunxi_organisation_v1_UpdateNotificationChannelRequest, UpdateNotificationChannelRequest__Output as _yunxi_organisation_v1_UpdateNotificationChannelRequest__Output } from './UpdateNotificationChannelRequest.js';
import type { UpdateOrganisationRequest as _yunxi_organisation_v1_UpdateOrganisationRequest, UpdateOrganisationRequest__Output as _yunxi_organisation_v1_UpdateOrganisationRequest__Output } from './UpdateOrganisationRequest.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  yunxi: {
    organisation: {
      v1: {
        AlarmDelivery: MessageTypeDefinition<_yunxi_organisation_v1_AlarmDelivery, _yunxi_organisation_v1_AlarmDelivery__Output>
        CreateDepartmentRequest: MessageTypeDefinition<_yunxi_organisation_v1_CreateDepartmentRequest, _yunxi_organisation_v1_CreateDepartmentRequest__Output>
        CreateNotificationChannelRequest: MessageTypeDefinition<_yunxi_organisation_v1_CreateNotificationChannelRequest, _yunxi_organisation_v1_CreateNotificationChannelRequest__Output>
        CreateOrganisationRequest: MessageTypeDefinition<_yunxi_organisation_v1_CreateOrganisationRequest, _yunxi_organisation_v1_CreateOrganisationRequest__Output>
        DeleteNotificationChannelRequest: MessageTypeDefinition<_yunxi_organisation_v1_DeleteNotificationChannelRequest, _yunxi_organisation_v1_DeleteNotificationChannelRequest__Output>
        DeleteNotificationChannelResponse: MessageTypeDefinition<_yunxi_organisation_v1_DeleteNotificationChannelResponse, _yunxi_organisation_v1_DeleteNotificationChannelResponse__Output>
        Department: MessageTypeDefinition<_yunxi_organisation_v1_Department, _yunxi_organisation_v1_Department__Output>
        GetOrganisationRequest: MessageTypeDefinition<_yunxi_organisation_v1_GetOrganisationRequest, _yunxi_organisation_v1_GetOrganisationRequest__Output>
        JoinOrganisationRequest: MessageTypeDefinition<_yunxi_organisation_v1_JoinOrganisationRequest, _yunxi_organisation_v1_JoinOrganisationRequest__Output>
        ListAlarmDeliveriesRequest: MessageTypeDefinition<_yunxi_organisation_v1_ListAlarmDeliveriesRequest, _yunxi_organisation_v1_ListAlarmDeliveriesRequest__Output>
        ListAlarmDeliveriesResponse: MessageTypeDefinition<_yunxi_organisation_v1_ListAlarmDeliveriesResponse, _yunxi_organisation_v1_ListAlarmDeliveriesResponse__Output>
        ListDepartmentsRequest: MessageTypeDefinition<_yunxi_organisation_v1_ListDepartmentsRequest, _yunxi_organisation_v1_ListDepartmentsRequest__Output>
        ListDepartmentsResponse: MessageTypeDefinition<_yunxi_organisation_v1_ListDepartmentsResponse, _yunxi_organisation_v1_ListDepartmentsResponse__Output>
        ListMembersRequest: MessageTypeDefinition<_yunxi_organisation_v1_ListMembersRequest, _yunxi_organisation_v1_ListMembersRequest__Output>
        ListMembersResponse: MessageTypeDefinition<_yunxi_organisation_v1_ListMembersResponse, _yunxi_organisation_v1_ListMembersResponse__Output>
        ListMembershipsOfUserRequest: MessageTypeDefinition<_yunxi_organisation_v1_ListMembershipsOfUserRequest, _yunxi_organisation_v1_ListMembershipsOfUserRequest__Output>
        ListMembershipsOfUserResponse: MessageTypeDefinition<_yunxi_organisation_v1_ListMembershipsOfUserResponse, _yunxi_organisation_v1_ListMembershipsOfUserResponse__Output>
        ListNotificationChannelsRequest: MessageTypeDefinition<_yunxi_organisation_v1_ListNotificationChannelsRequest, _yunxi_organisation_v1_ListNotificationChannelsRequest__Output>
        ListNotificationChannelsResponse: MessageTypeDefinition<_yunxi_organisation_v1_ListNotificationChannelsResponse, _yunxi_organisation_v1_ListNotificationChannelsResponse__Output>
        Membership: MessageTypeDefinition<_yunxi_organisation_v1_Membership, _yunxi_organisation_v1_Membership__Output>
        NotificationChannel: MessageTypeDefinition<_yunxi_organisation_v1_NotificationChannel, _yunxi_organisation_v1_NotificationChannel__Output>
        Organisation: MessageTypeDefinition<_yunxi_organisation_v1_Organisation, _yunxi_organisation_v1_Organisation__Output>
        OrganisationService: SubtypeConstructor<typeof grpc.Client, _yunxi_organisation_v1_OrganisationServiceClient> & { service: _yunxi_organisation_v1_OrganisationServiceDefinition }
        RenameDepartmentRequest: MessageTypeDefinition<_yunxi_organisation_v1_RenameDepartmentRequest, _yunxi_organisation_v1_RenameDepartmentRequest__Output>
        SetMemberRolesRequest: MessageTypeDefinition<_yunxi_organisation_v1_SetMemberRolesRequest, _yunxi_organisation_v1_SetMemberRolesRequest__Output>
        TestNotificationChannelRequest: MessageTypeDefinition<_yunxi_organisation_v1_TestNotificationChannelRequest, _yunxi_organisation_v1_TestNotificationChannelRequest__Output>
        TestNotificationChannelResponse: MessageTypeDefinition<_yunxi_organisation_v1_TestNotificationChannelResponse, _yunxi_organisation_v1_TestNotificationChannelResponse__Output>
        UpdateNotificationChannelRequest: MessageTypeDefinition<_yunxi_organisation_v1_UpdateNotificationChannelRequest, _yunxi_organisation_v1_UpdateNotificationChannelRequest__Output>
        UpdateOrganisationRequest: MessageTypeDefinition<_yunxi_organisation_v1_UpdateOrganisationRequest, _yunxi_organisation_v1_UpdateOrganisationRequest__Output>
      }
    }
  }
}

