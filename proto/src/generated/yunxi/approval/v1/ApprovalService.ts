// Original file: proto/yunxi/approval/v1/approval.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { Application as _yunxi_approval_v1_Application, Application__Output as _yunxi_approval_v1_Application__Output } from '../../../yunxi/approval/v1/Application.js';
import type { ApplicationActionRequest as _yunxi_approval_v1_ApplicationActionRequest, ApplicationActionRequest__Output as _yunxi_approval_v1_ApplicationActionRequest__Output } from '../../../yunxi/approval/v1/ApplicationActionRequest.js';
import type { BindSealDeviceRequest as _yunxi_approval_v1_BindSealDeviceRequest, BindSealDeviceRequest__Output as _yunxi_approval_v1_BindSealDeviceRequest__Output } from '../../../yunxi/approval/v1/BindSealDeviceRequest.js';
import type { CreateApplicationRequest as _yunxi_approval_v1_CreateApplicationRequest, CreateApplicationRequest__Output as _yunxi_approval_v1_CreateApplicationRequest__Output } from '../../../yunxi/approval/v1/CreateApplicationRequest.js';
import type { CreateSealRequest as _yunxi_approval_v1_CreateSealRequest, CreateSealRequest__Output as _yunxi_approval_v1_CreateSealRequest__Output } from '../../../yunxi/approval/v1/CreateSealRequest.js';
import type { DecideApplicationRequest as _yunxi_approval_v1_DecideApplicationRequest, DecideApplicationRequest__Output as _yunxi_approval_v1_DecideApplicationRequest__Output } from '../../../yunxi/approval/v1/DecideApplicationRequest.js';
import type { GetApplicationRequest as _yunxi_approval_v1_GetApplicationRequest, GetApplicationRequest__Output as _yunxi_approval_v1_GetApplicationRequest__Output } from '../../../yunxi/approval/v1/GetApplicationRequest.js';
import type { GetSealRequest as _yunxi_approval_v1_GetSealRequest, GetSealRequest__Output as _yunxi_approval_v1_GetSealRequest__Output } from '../../../yunxi/approval/v1/GetSealRequest.js';
import type { ListApplicationsRequest as _yunxi_approval_v1_ListApplicationsRequest, ListApplicationsRequest__Output as _yunxi_approval_v1_ListApplicationsRequest__Output } from '../../../yunxi/approval/v1/ListApplicationsRequest.js';
import type { ListApplicationsResponse as _yunxi_approval_v1_ListApplicationsResponse, ListApplicationsResponse__Output as _yunxi_approval_v1_ListApplicationsResponse__Output } from '../../../yunxi/approval/v1/ListApplicationsResponse.js';
import type { ListSealsRequest as _yunxi_approval_v1_ListSealsRequest, ListSealsRequest__Output as _yunxi_approval_v1_ListSealsRequest__Output } from '../../../yunxi/approval/v1/ListSealsRequest.js';
import type { ListSealsResponse as _yunxi_approval_v1_ListSealsResponse, ListSealsResponse__Output as _yunxi_approval_v1_ListSealsResponse__Output } from '../../../yunxi/approval/v1/ListSealsResponse.js';
import type { Seal as _yunxi_approval_v1_Seal, Seal__Output as _yunxi_approval_v1_Seal__Output } from '../../../yunxi/approval/v1/Seal.js';

export interface ApprovalServiceClient extends grpc.Client {
  ApproveApplication(argument: _yunxi_approval_v1_DecideApplicationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  ApproveApplication(argument: _yunxi_approval_v1_DecideApplicationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  ApproveApplication(argument: _yunxi_approval_v1_DecideApplicationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  ApproveApplication(argument: _yunxi_approval_v1_DecideApplicationRequest, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  approveApplication(argument: _yunxi_approval_v1_DecideApplicationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  approveApplication(argument: _yunxi_approval_v1_DecideApplicationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  approveApplication(argument: _yunxi_approval_v1_DecideApplicationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  approveApplication(argument: _yunxi_approval_v1_DecideApplicationRequest, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  
  BindSealDevice(argument: _yunxi_approval_v1_BindSealDeviceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Seal__Output>): grpc.ClientUnaryCall;
  BindSealDevice(argument: _yunxi_approval_v1_BindSealDeviceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_approval_v1_Seal__Output>): grpc.ClientUnaryCall;
  BindSealDevice(argument: _yunxi_approval_v1_BindSealDeviceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Seal__Output>): grpc.ClientUnaryCall;
  BindSealDevice(argument: _yunxi_approval_v1_BindSealDeviceRequest, callback: grpc.requestCallback<_yunxi_approval_v1_Seal__Output>): grpc.ClientUnaryCall;
  bindSealDevice(argument: _yunxi_approval_v1_BindSealDeviceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Seal__Output>): grpc.ClientUnaryCall;
  bindSealDevice(argument: _yunxi_approval_v1_BindSealDeviceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_approval_v1_Seal__Output>): grpc.ClientUnaryCall;
  bindSealDevice(argument: _yunxi_approval_v1_BindSealDeviceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Seal__Output>): grpc.ClientUnaryCall;
  bindSealDevice(argument: _yunxi_approval_v1_BindSealDeviceRequest, callback: grpc.requestCallback<_yunxi_approval_v1_Seal__Output>): grpc.ClientUnaryCall;
  
  CreateApplication(argument: _yunxi_approval_v1_CreateApplicationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  CreateApplication(argument: _yunxi_approval_v1_CreateApplicationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  CreateApplication(argument: _yunxi_approval_v1_CreateApplicationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  CreateApplication(argument: _yunxi_approval_v1_CreateApplicationRequest, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  createApplication(argument: _yunxi_approval_v1_CreateApplicationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  createApplication(argument: _yunxi_approval_v1_CreateApplicationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  createApplication(argument: _yunxi_approval_v1_CreateApplicationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  createApplication(argument: _yunxi_approval_v1_CreateApplicationRequest, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  
  CreateSeal(argument: _yunxi_approval_v1_CreateSealRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Seal__Output>): grpc.ClientUnaryCall;
  CreateSeal(argument: _yunxi_approval_v1_CreateSealRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_approval_v1_Seal__Output>): grpc.ClientUnaryCall;
  CreateSeal(argument: _yunxi_approval_v1_CreateSealRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Seal__Output>): grpc.ClientUnaryCall;
  CreateSeal(argument: _yunxi_approval_v1_CreateSealRequest, callback: grpc.requestCallback<_yunxi_approval_v1_Seal__Output>): grpc.ClientUnaryCall;
  createSeal(argument: _yunxi_approval_v1_CreateSealRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Seal__Output>): grpc.ClientUnaryCall;
  createSeal(argument: _yunxi_approval_v1_CreateSealRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_approval_v1_Seal__Output>): grpc.ClientUnaryCall;
  createSeal(argument: _yunxi_approval_v1_CreateSealRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Seal__Output>): grpc.ClientUnaryCall;
  createSeal(argument: _yunxi_approval_v1_CreateSealRequest, callback: grpc.requestCallback<_yunxi_approval_v1_Seal__Output>): grpc.ClientUnaryCall;
  
  GetApplication(argument: _yunxi_approval_v1_GetApplicationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  GetApplication(argument: _yunxi_approval_v1_GetApplicationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  GetApplication(argument: _yunxi_approval_v1_GetApplicationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  GetApplication(argument: _yunxi_approval_v1_GetApplicationRequest, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  getApplication(argument: _yunxi_approval_v1_GetApplicationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  getApplication(argument: _yunxi_approval_v1_GetApplicationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  getApplication(argument: _yunxi_approval_v1_GetApplicationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  getApplication(argument: _yunxi_approval_v1_GetApplicationRequest, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  
  GetSeal(argument: _yunxi_approval_v1_GetSealRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Seal__Output>): grpc.ClientUnaryCall;
  GetSeal(argument: _yunxi_approval_v1_GetSealRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_approval_v1_Seal__Output>): grpc.ClientUnaryCall;
  GetSeal(argument: _yunxi_approval_v1_GetSealRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Seal__Output>): grpc.ClientUnaryCall;
  GetSeal(argument: _yunxi_approval_v1_GetSealRequest, callback: grpc.requestCallback<_yunxi_approval_v1_Seal__Output>): grpc.ClientUnaryCall;
  getSeal(argument: _yunxi_approval_v1_GetSealRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Seal__Output>): grpc.ClientUnaryCall;
  getSeal(argument: _yunxi_approval_v1_GetSealRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_approval_v1_Seal__Output>): grpc.ClientUnaryCall;
  getSeal(argument: _yunxi_approval_v1_GetSealRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Seal__Output>): grpc.ClientUnaryCall;
  getSeal(argument: _yunxi_approval_v1_GetSealRequest, callback: grpc.requestCallback<_yunxi_approval_v1_Seal__Output>): grpc.ClientUnaryCall;
  
  ListApplications(argument: _yunxi_approval_v1_ListApplicationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_ListApplicationsResponse__Output>): grpc.ClientUnaryCall;
  ListApplications(argument: _yunxi_approval_v1_ListApplicationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_approval_v1_ListApplicationsResponse__Output>): grpc.ClientUnaryCall;
  ListApplications(argument: _yunxi_approval_v1_ListApplicationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_ListApplicationsResponse__Output>): grpc.ClientUnaryCall;
  ListApplications(argument: _yunxi_approval_v1_ListApplicationsRequest, callback: grpc.requestCallback<_yunxi_approval_v1_ListApplicationsResponse__Output>): grpc.ClientUnaryCall;
  listApplications(argument: _yunxi_approval_v1_ListApplicationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_ListApplicationsResponse__Output>): grpc.ClientUnaryCall;
  listApplications(argument: _yunxi_approval_v1_ListApplicationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_approval_v1_ListApplicationsResponse__Output>): grpc.ClientUnaryCall;
  listApplications(argument: _yunxi_approval_v1_ListApplicationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_ListApplicationsResponse__Output>): grpc.ClientUnaryCall;
  listApplications(argument: _yunxi_approval_v1_ListApplicationsRequest, callback: grpc.requestCallback<_yunxi_approval_v1_ListApplicationsResponse__Output>): grpc.ClientUnaryCall;
  
  ListSeals(argument: _yunxi_approval_v1_ListSealsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_ListSealsResponse__Output>): grpc.ClientUnaryCall;
  ListSeals(argument: _yunxi_approval_v1_ListSealsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_approval_v1_ListSealsResponse__Output>): grpc.ClientUnaryCall;
  ListSeals(argument: _yunxi_approval_v1_ListSealsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_ListSealsResponse__Output>): grpc.ClientUnaryCall;
  ListSeals(argument: _yunxi_approval_v1_ListSealsRequest, callback: grpc.requestCallback<_yunxi_approval_v1_ListSealsResponse__Output>): grpc.ClientUnaryCall;
  listSeals(argument: _yunxi_approval_v1_ListSealsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_ListSealsResponse__Output>): grpc.ClientUnaryCall;
  listSeals(argument: _yunxi_approval_v1_ListSealsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_approval_v1_ListSealsResponse__Output>): grpc.ClientUnaryCall;
  listSeals(argument: _yunxi_approval_v1_ListSealsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_ListSealsResponse__Output>): grpc.ClientUnaryCall;
  listSeals(argument: _yunxi_approval_v1_ListSealsRequest, callback: grpc.requestCallback<_yunxi_approval_v1_ListSealsResponse__Output>): grpc.ClientUnaryCall;
  
  RejectApplication(argument: _yunxi_approval_v1_DecideApplicationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  RejectApplication(argument: _yunxi_approval_v1_DecideApplicationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  RejectApplication(argument: _yunxi_approval_v1_DecideApplicationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  RejectApplication(argument: _yunxi_approval_v1_DecideApplicationRequest, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  rejectApplication(argument: _yunxi_approval_v1_DecideApplicationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  rejectApplication(argument: _yunxi_approval_v1_DecideApplicationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  rejectApplication(argument: _yunxi_approval_v1_DecideApplicationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  rejectApplication(argument: _yunxi_approval_v1_DecideApplicationRequest, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  
  SubmitApplication(argument: _yunxi_approval_v1_ApplicationActionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  SubmitApplication(argument: _yunxi_approval_v1_ApplicationActionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  SubmitApplication(argument: _yunxi_approval_v1_ApplicationActionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  SubmitApplication(argument: _yunxi_approval_v1_ApplicationActionRequest, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  submitApplication(argument: _yunxi_approval_v1_ApplicationActionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  submitApplication(argument: _yunxi_approval_v1_ApplicationActionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  submitApplication(argument: _yunxi_approval_v1_ApplicationActionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  submitApplication(argument: _yunxi_approval_v1_ApplicationActionRequest, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  
  WithdrawApplication(argument: _yunxi_approval_v1_ApplicationActionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  WithdrawApplication(argument: _yunxi_approval_v1_ApplicationActionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  WithdrawApplication(argument: _yunxi_approval_v1_ApplicationActionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  WithdrawApplication(argument: _yunxi_approval_v1_ApplicationActionRequest, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  withdrawApplication(argument: _yunxi_approval_v1_ApplicationActionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  withdrawApplication(argument: _yunxi_approval_v1_ApplicationActionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  withdrawApplication(argument: _yunxi_approval_v1_ApplicationActionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  withdrawApplication(argument: _yunxi_approval_v1_ApplicationActionRequest, callback: grpc.requestCallback<_yunxi_approval_v1_Application__Output>): grpc.ClientUnaryCall;
  
}

export interface ApprovalServiceHandlers extends grpc.UntypedServiceImplementation {
  ApproveApplication: grpc.handleUnaryCall<_yunxi_approval_v1_DecideApplicationRequest__Output, _yunxi_approval_v1_Application>;
  
  BindSealDevice: grpc.handleUnaryCall<_yunxi_approval_v1_BindSealDeviceRequest__Output, _yunxi_approval_v1_Seal>;
  
  CreateApplication: grpc.handleUnaryCall<_yunxi_approval_v1_CreateApplicationRequest__Output, _yunxi_approval_v1_Application>;
  
  CreateSeal: grpc.handleUnaryCall<_yunxi_approval_v1_CreateSealRequest__Output, _yunxi_approval_v1_Seal>;
  
  GetApplication: grpc.handleUnaryCall<_yunxi_approval_v1_GetApplicationRequest__Output, _yunxi_approval_v1_Application>;
  
  GetSeal: grpc.handleUnaryCall<_yunxi_approval_v1_GetSealRequest__Output, _yunxi_approval_v1_Seal>;
  
  ListApplications: grpc.handleUnaryCall<_yunxi_approval_v1_ListApplicationsRequest__Output, _yunxi_approval_v1_ListApplicationsResponse>;
  
  ListSeals: grpc.handleUnaryCall<_yunxi_approval_v1_ListSealsRequest__Output, _yunxi_approval_v1_ListSealsResponse>;
  
  RejectApplication: grpc.handleUnaryCall<_yunxi_approval_v1_DecideApplicationRequest__Output, _yunxi_approval_v1_Application>;
  
  SubmitApplication: grpc.handleUnaryCall<_yunxi_approval_v1_ApplicationActionRequest__Output, _yunxi_approval_v1_Application>;
  
  WithdrawApplication: grpc.handleUnaryCall<_yunxi_approval_v1_ApplicationActionRequest__Output, _yunxi_approval_v1_Application>;
  
}

export interface ApprovalServiceDefinition extends grpc.ServiceDefinition {
  ApproveApplication: MethodDefinition<_yunxi_approval_v1_DecideApplicationRequest, _yunxi_approval_v1_Application, _yunxi_approval_v1_DecideApplicationRequest__Output, _yunxi_approval_v1_Application__Output>
  BindSealDevice: MethodDefinition<_yunxi_approval_v1_BindSealDeviceRequest, _yunxi_approval_v1_Seal, _yunxi_approval_v1_BindSealDeviceRequest__Output, _yunxi_approval_v1_Seal__Output>
  CreateApplication: MethodDefinition<_yunxi_approval_v1_CreateApplicationRequest, _yunxi_approval_v1_Application, _yunxi_approval_v1_CreateApplicationRequest__Output, _yunxi_approval_v1_Application__Output>
  CreateSeal: MethodDefinition<_yunxi_approval_v1_CreateSealRequest, _yunxi_approval_v1_Seal, _yunxi_approval_v1_CreateSealRequest__Output, _yunxi_approval_v1_Seal__Output>
  GetApplication: MethodDefinition<_yunxi_approval_v1_GetApplicationRequest, _yunxi_approval_v1_Application, _yunxi_approval_v1_GetApplicationRequest__Output, _yunxi_approval_v1_Application__Output>
  GetSeal: MethodDefinition<_yunxi_approval_v1_GetSealRequest, _yunxi_approval_v1_Seal, _yunxi_approval_v1_GetSealRequest__Output, _yunxi_approval_v1_Seal__Output>
  ListApplications: MethodDefinition<_yunxi_approval_v1_ListApplicationsRequest, _yunxi_approval_v1_ListApplicationsResponse, _yunxi_approval_v1_ListApplicationsRequest__Output, _yunxi_approval_v1_ListApplicationsResponse__Output>
  ListSeals: MethodDefinition<_yunxi_approval_v1_ListSealsRequest, _yunxi_approval_v1_ListSealsResponse, _yunxi_approval_v1_ListSealsRequest__Output, _yunxi_approval_v1_ListSealsResponse__Output>
  RejectApplication: MethodDefinition<_yunxi_approval_v1_DecideApplicationRequest, _yunxi_approval_v1_Application, _yunxi_approval_v1_DecideApplicationRequest__Output, _yunxi_approval_v1_Application__Output>
  SubmitApplication: MethodDefinition<_yunxi_approval_v1_ApplicationActionRequest, _yunxi_approval_v1_Application, _yunxi_approval_v1_ApplicationActionRequest__Output, _yunxi_approval_v1_Application__Output>
  WithdrawApplication: MethodDefinition<_yunxi_approval_v1_ApplicationActionRequest, _yunxi_approval_v1_Application, _yunxi_approval_v1_ApplicationActionRequest__Output, _yunxi_approval_v1_Application__Output>
}
