// Original file: proto/yunxi/device_control/v1/device_control.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AcknowledgeAlarmRequest as _yunxi_device_control_v1_AcknowledgeAlarmRequest, AcknowledgeAlarmRequest__Output as _yunxi_device_control_v1_AcknowledgeAlarmRequest__Output } from '../../../yunxi/device_control/v1/AcknowledgeAlarmRequest.js';
import type { Alarm as _yunxi_device_control_v1_Alarm, Alarm__Output as _yunxi_device_control_v1_Alarm__Output } from '../../../yunxi/device_control/v1/Alarm.js';
import type { Authorisation as _yunxi_device_control_v1_Authorisation, Authorisation__Output as _yunxi_device_control_v1_Authorisation__Output } from '../../../yunxi/device_control/v1/Authorisation.js';
import type { CommandKey as _yunxi_device_control_v1_CommandKey, CommandKey__Output as _yunxi_device_control_v1_CommandKey__Output } from '../../../yunxi/device_control/v1/CommandKey.js';
import type { CreateDeviceRequest as _yunxi_device_control_v1_CreateDeviceRequest, CreateDeviceRequest__Output as _yunxi_device_control_v1_CreateDeviceRequest__Output } from '../../../yunxi/device_control/v1/CreateDeviceRequest.js';
import type { CreateDeviceResponse as _yunxi_device_control_v1_CreateDeviceResponse, CreateDeviceResponse__Output as _yunxi_device_control_v1_CreateDeviceResponse__Output } from '../../../yunxi/device_control/v1/CreateDeviceResponse.js';
import type { Device as _yunxi_device_control_v1_Device, Device__Output as _yunxi_device_control_v1_Device__Output } from '../../../yunxi/device_control/v1/Device.js';
import type { GetCommandKeyRequest as _yunxi_device_control_v1_GetCommandKeyRequest, GetCommandKeyRequest__Output as _yunxi_device_control_v1_GetCommandKeyRequest__Output } from '../../../yunxi/device_control/v1/GetCommandKeyRequest.js';
import type { GetDeviceRequest as _yunxi_device_control_v1_GetDeviceRequest, GetDeviceRequest__Output as _yunxi_device_control_v1_GetDeviceRequest__Output } from '../../../yunxi/device_control/v1/GetDeviceRequest.js';
import type { IssueAuthorisationRequest as _yunxi_device_control_v1_IssueAuthorisationRequest, IssueAuthorisationRequest__Output as _yunxi_device_control_v1_IssueAuthorisationRequest__Output } from '../../../yunxi/device_control/v1/IssueAuthorisationRequest.js';
import type { ListAlarmsRequest as _yunxi_device_control_v1_ListAlarmsRequest, ListAlarmsRequest__Output as _yunxi_device_control_v1_ListAlarmsRequest__Output } from '../../../yunxi/device_control/v1/ListAlarmsRequest.js';
import type { ListAlarmsResponse as _yunxi_device_control_v1_ListAlarmsResponse, ListAlarmsResponse__Output as _yunxi_device_control_v1_ListAlarmsResponse__Output } from '../../../yunxi/device_control/v1/ListAlarmsResponse.js';
import type { ListDeviceRecordsRequest as _yunxi_device_control_v1_ListDeviceRecordsRequest, ListDeviceRecordsRequest__Output as _yunxi_device_control_v1_ListDeviceRecordsRequest__Output } from '../../../yunxi/device_control/v1/ListDeviceRecordsRequest.js';
import type { ListDeviceRecordsResponse as _yunxi_device_control_v1_ListDeviceRecordsResponse, ListDeviceRecordsResponse__Output as _yunxi_device_control_v1_ListDeviceRecordsResponse__Output } from '../../../yunxi/device_control/v1/ListDeviceRecordsResponse.js';
import type { ListDevicesRequest as _yunxi_device_control_v1_ListDevicesRequest, ListDevicesRequest__Output as _yunxi_device_control_v1_ListDevicesRequest__Output } from '../../../yunxi/device_control/v1/ListDevicesRequest.js';
import type { ListDevicesResponse as _yunxi_device_control_v1_ListDevicesResponse, ListDevicesResponse__Output as _yunxi_device_control_v1_ListDevicesResponse__Output } from '../../../yunxi/device_control/v1/ListDevicesResponse.js';
import type { RevokeDeviceRequest as _yunxi_device_control_v1_RevokeDeviceRequest, RevokeDeviceRequest__Output as _yunxi_device_control_v1_RevokeDeviceRequest__Output } from '../../../yunxi/device_control/v1/RevokeDeviceRequest.js';

export interface DeviceControlServiceClient extends grpc.Client {
  AcknowledgeAlarm(argument: _yunxi_device_control_v1_AcknowledgeAlarmRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_Alarm__Output>): grpc.ClientUnaryCall;
  AcknowledgeAlarm(argument: _yunxi_device_control_v1_AcknowledgeAlarmRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_device_control_v1_Alarm__Output>): grpc.ClientUnaryCall;
  AcknowledgeAlarm(argument: _yunxi_device_control_v1_AcknowledgeAlarmRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_Alarm__Output>): grpc.ClientUnaryCall;
  AcknowledgeAlarm(argument: _yunxi_device_control_v1_AcknowledgeAlarmRequest, callback: grpc.requestCallback<_yunxi_device_control_v1_Alarm__Output>): grpc.ClientUnaryCall;
  acknowledgeAlarm(argument: _yunxi_device_control_v1_AcknowledgeAlarmRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_Alarm__Output>): grpc.ClientUnaryCall;
  acknowledgeAlarm(argument: _yunxi_device_control_v1_AcknowledgeAlarmRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_device_control_v1_Alarm__Output>): grpc.ClientUnaryCall;
  acknowledgeAlarm(argument: _yunxi_device_control_v1_AcknowledgeAlarmRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_Alarm__Output>): grpc.ClientUnaryCall;
  acknowledgeAlarm(argument: _yunxi_device_control_v1_AcknowledgeAlarmRequest, callback: grpc.requestCallback<_yunxi_device_control_v1_Alarm__Output>): grpc.ClientUnaryCall;
  
  CreateDevice(argument: _yunxi_device_control_v1_CreateDeviceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_CreateDeviceResponse__Output>): grpc.ClientUnaryCall;
  CreateDevice(argument: _yunxi_device_control_v1_CreateDeviceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_device_control_v1_CreateDeviceResponse__Output>): grpc.ClientUnaryCall;
  CreateDevice(argument: _yunxi_device_control_v1_CreateDeviceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_CreateDeviceResponse__Output>): grpc.ClientUnaryCall;
  CreateDevice(argument: _yunxi_device_control_v1_CreateDeviceRequest, callback: grpc.requestCallback<_yunxi_device_control_v1_CreateDeviceResponse__Output>): grpc.ClientUnaryCall;
  createDevice(argument: _yunxi_device_control_v1_CreateDeviceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_CreateDeviceResponse__Output>): grpc.ClientUnaryCall;
  createDevice(argument: _yunxi_device_control_v1_CreateDeviceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_device_control_v1_CreateDeviceResponse__Output>): grpc.ClientUnaryCall;
  createDevice(argument: _yunxi_device_control_v1_CreateDeviceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_CreateDeviceResponse__Output>): grpc.ClientUnaryCall;
  createDevice(argument: _yunxi_device_control_v1_CreateDeviceRequest, callback: grpc.requestCallback<_yunxi_device_control_v1_CreateDeviceResponse__Output>): grpc.ClientUnaryCall;
  
  GetCommandKey(argument: _yunxi_device_control_v1_GetCommandKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_CommandKey__Output>): grpc.ClientUnaryCall;
  GetCommandKey(argument: _yunxi_device_control_v1_GetCommandKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_device_control_v1_CommandKey__Output>): grpc.ClientUnaryCall;
  GetCommandKey(argument: _yunxi_device_control_v1_GetCommandKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_CommandKey__Output>): grpc.ClientUnaryCall;
  GetCommandKey(argument: _yunxi_device_control_v1_GetCommandKeyRequest, callback: grpc.requestCallback<_yunxi_device_control_v1_CommandKey__Output>): grpc.ClientUnaryCall;
  getCommandKey(argument: _yunxi_device_control_v1_GetCommandKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_CommandKey__Output>): grpc.ClientUnaryCall;
  getCommandKey(argument: _yunxi_device_control_v1_GetCommandKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_device_control_v1_CommandKey__Output>): grpc.ClientUnaryCall;
  getCommandKey(argument: _yunxi_device_control_v1_GetCommandKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_CommandKey__Output>): grpc.ClientUnaryCall;
  getCommandKey(argument: _yunxi_device_control_v1_GetCommandKeyRequest, callback: grpc.requestCallback<_yunxi_device_control_v1_CommandKey__Output>): grpc.ClientUnaryCall;
  
  GetDevice(argument: _yunxi_device_control_v1_GetDeviceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_Device__Output>): grpc.ClientUnaryCall;
  GetDevice(argument: _yunxi_device_control_v1_GetDeviceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_device_control_v1_Device__Output>): grpc.ClientUnaryCall;
  GetDevice(argument: _yunxi_device_control_v1_GetDeviceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_Device__Output>): grpc.ClientUnaryCall;
  GetDevice(argument: _yunxi_device_control_v1_GetDeviceRequest, callback: grpc.requestCallback<_yunxi_device_control_v1_Device__Output>): grpc.ClientUnaryCall;
  getDevice(argument: _yunxi_device_control_v1_GetDeviceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_Device__Output>): grpc.ClientUnaryCall;
  getDevice(argument: _yunxi_device_control_v1_GetDeviceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_device_control_v1_Device__Output>): grpc.ClientUnaryCall;
  getDevice(argument: _yunxi_device_control_v1_GetDeviceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_Device__Output>): grpc.ClientUnaryCall;
  getDevice(argument: _yunxi_device_control_v1_GetDeviceRequest, callback: grpc.requestCallback<_yunxi_device_control_v1_Device__Output>): grpc.ClientUnaryCall;
  
  IssueAuthorisation(argument: _yunxi_device_control_v1_IssueAuthorisationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_Authorisation__Output>): grpc.ClientUnaryCall;
  IssueAuthorisation(argument: _yunxi_device_control_v1_IssueAuthorisationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_device_control_v1_Authorisation__Output>): grpc.ClientUnaryCall;
  IssueAuthorisation(argument: _yunxi_device_control_v1_IssueAuthorisationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_Authorisation__Output>): grpc.ClientUnaryCall;
  IssueAuthorisation(argument: _yunxi_device_control_v1_IssueAuthorisationRequest, callback: grpc.requestCallback<_yunxi_device_control_v1_Authorisation__Output>): grpc.ClientUnaryCall;
  issueAuthorisation(argument: _yunxi_device_control_v1_IssueAuthorisationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_Authorisation__Output>): grpc.ClientUnaryCall;
  issueAuthorisation(argument: _yunxi_device_control_v1_IssueAuthorisationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_device_control_v1_Authorisation__Output>): grpc.ClientUnaryCall;
  issueAuthorisation(argument: _yunxi_device_control_v1_IssueAuthorisationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_Authorisation__Output>): grpc.ClientUnaryCall;
  issueAuthorisation(argument: _yunxi_device_control_v1_IssueAuthorisationRequest, callback: grpc.requestCallback<_yunxi_device_control_v1_Authorisation__Output>): grpc.ClientUnaryCall;
  
  ListAlarms(argument: _yunxi_device_control_v1_ListAlarmsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_ListAlarmsResponse__Output>): grpc.ClientUnaryCall;
  ListAlarms(argument: _yunxi_device_control_v1_ListAlarmsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_device_control_v1_ListAlarmsResponse__Output>): grpc.ClientUnaryCall;
  ListAlarms(argument: _yunxi_device_control_v1_ListAlarmsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_ListAlarmsResponse__Output>): grpc.ClientUnaryCall;
  ListAlarms(argument: _yunxi_device_control_v1_ListAlarmsRequest, callback: grpc.requestCallback<_yunxi_device_control_v1_ListAlarmsResponse__Output>): grpc.ClientUnaryCall;
  listAlarms(argument: _yunxi_device_control_v1_ListAlarmsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_ListAlarmsResponse__Output>): grpc.ClientUnaryCall;
  listAlarms(argument: _yunxi_device_control_v1_ListAlarmsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_device_control_v1_ListAlarmsResponse__Output>): grpc.ClientUnaryCall;
  listAlarms(argument: _yunxi_device_control_v1_ListAlarmsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_ListAlarmsResponse__Output>): grpc.ClientUnaryCall;
  listAlarms(argument: _yunxi_device_control_v1_ListAlarmsRequest, callback: grpc.requestCallback<_yunxi_device_control_v1_ListAlarmsResponse__Output>): grpc.ClientUnaryCall;
  
  ListDeviceRecords(argument: _yunxi_device_control_v1_ListDeviceRecordsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_ListDeviceRecordsResponse__Output>): grpc.ClientUnaryCall;
  ListDeviceRecords(argument: _yunxi_device_control_v1_ListDeviceRecordsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_device_control_v1_ListDeviceRecordsResponse__Output>): grpc.ClientUnaryCall;
  ListDeviceRecords(argument: _yunxi_device_control_v1_ListDeviceRecordsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_ListDeviceRecordsResponse__Output>): grpc.ClientUnaryCall;
  ListDeviceRecords(argument: _yunxi_device_control_v1_ListDeviceRecordsRequest, callback: grpc.requestCallback<_yunxi_device_control_v1_ListDeviceRecordsResponse__Output>): grpc.ClientUnaryCall;
  listDeviceRecords(argument: _yunxi_device_control_v1_ListDeviceRecordsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_ListDeviceRecordsResponse__Output>): grpc.ClientUnaryCall;
  listDeviceRecords(argument: _yunxi_device_control_v1_ListDeviceRecordsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_device_control_v1_ListDeviceRecordsResponse__Output>): grpc.ClientUnaryCall;
  listDeviceRecords(argument: _yunxi_device_control_v1_ListDeviceRecordsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_ListDeviceRecordsResponse__Output>): grpc.ClientUnaryCall;
  listDeviceRecords(argument: _yunxi_device_control_v1_ListDeviceRecordsRequest, callback: grpc.requestCallback<_yunxi_device_control_v1_ListDeviceRecordsResponse__Output>): grpc.ClientUnaryCall;
  
  ListDevices(argument: _yunxi_device_control_v1_ListDevicesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_ListDevicesResponse__Output>): grpc.ClientUnaryCall;
  ListDevices(argument: _yunxi_device_control_v1_ListDevicesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_device_control_v1_ListDevicesResponse__Output>): grpc.ClientUnaryCall;
  ListDevices(argument: _yunxi_device_control_v1_ListDevicesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_ListDevicesResponse__Output>): grpc.ClientUnaryCall;
  ListDevices(argument: _yunxi_device_control_v1_ListDevicesRequest, callback: grpc.requestCallback<_yunxi_device_control_v1_ListDevicesResponse__Output>): grpc.ClientUnaryCall;
  listDevices(argument: _yunxi_device_control_v1_ListDevicesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_ListDevicesResponse__Output>): grpc.ClientUnaryCall;
  listDevices(argument: _yunxi_device_control_v1_ListDevicesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_device_control_v1_ListDevicesResponse__Output>): grpc.ClientUnaryCall;
  listDevices(argument: _yunxi_device_control_v1_ListDevicesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_ListDevicesResponse__Output>): grpc.ClientUnaryCall;
  listDevices(argument: _yunxi_device_control_v1_ListDevicesRequest, callback: grpc.requestCallback<_yunxi_device_control_v1_ListDevicesResponse__Output>): grpc.ClientUnaryCall;
  
  RevokeDevice(argument: _yunxi_device_control_v1_RevokeDeviceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_Device__Output>): grpc.ClientUnaryCall;
  RevokeDevice(argument: _yunxi_device_control_v1_RevokeDeviceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_device_control_v1_Device__Output>): grpc.ClientUnaryCall;
  RevokeDevice(argument: _yunxi_device_control_v1_RevokeDeviceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_Device__Output>): grpc.ClientUnaryCall;
  RevokeDevice(argument: _yunxi_device_control_v1_RevokeDeviceRequest, callback: grpc.requestCallback<_yunxi_device_control_v1_Device__Output>): grpc.ClientUnaryCall;
  revokeDevice(argument: _yunxi_device_control_v1_RevokeDeviceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_Device__Output>): grpc.ClientUnaryCall;
  revokeDevice(argument: _yunxi_device_control_v1_RevokeDeviceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_device_control_v1_Device__Output>): grpc.ClientUnaryCall;
  revokeDevice(argument: _yunxi_device_control_v1_RevokeDeviceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_device_control_v1_Device__Output>): grpc.ClientUnaryCall;
  revokeDevice(argument: _yunxi_device_control_v1_RevokeDeviceRequest, callback: grpc.requestCallback<_yunxi_device_control_v1_Device__Output>): grpc.ClientUnaryCall;
  
}

export interface DeviceControlServiceHandlers extends grpc.UntypedServiceImplementation {
  AcknowledgeAlarm: grpc.handleUnaryCall<_yunxi_device_control_v1_AcknowledgeAlarmRequest__Output, _yunxi_device_control_v1_Alarm>;
  
  CreateDevice: grpc.handleUnaryCall<_yunxi_device_control_v1_CreateDeviceRequest__Output, _yunxi_device_control_v1_CreateDeviceResponse>;
  
  GetCommandKey: grpc.handleUnaryCall<_yunxi_device_control_v1_GetCommandKeyRequest__Output, _yunxi_device_control_v1_CommandKey>;
  
  GetDevice: grpc.handleUnaryCall<_yunxi_device_control_v1_GetDeviceRequest__Output, _yunxi_device_control_v1_Device>;
  
  IssueAuthorisation: grpc.handleUnaryCall<_yunxi_device_control_v1_IssueAuthorisationRequest__Output, _yunxi_device_control_v1_Authorisation>;
  
  ListAlarms: grpc.handleUnaryCall<_yunxi_device_control_v1_ListAlarmsRequest__Output, _yunxi_device_control_v1_ListAlarmsResponse>;
  
  ListDeviceRecords: grpc.handleUnaryCall<_yunxi_device_control_v1_ListDeviceRecordsRequest__Output, _yunxi_device_control_v1_ListDeviceRecordsResponse>;
  
  ListDevices: grpc.handleUnaryCall<_yunxi_device_control_v1_ListDevicesRequest__Output, _yunxi_device_control_v1_ListDevicesResponse>;
  
  RevokeDevice: grpc.handleUnaryCall<_yunxi_device_control_v1_RevokeDeviceRequest__Output, _yunxi_device_control_v1_Device>;
  
}

export interface DeviceControlServiceDefinition extends grpc.ServiceDefinition {
  AcknowledgeAlarm: MethodDefinition<_yunxi_device_control_v1_AcknowledgeAlarmRequest, _yunxi_device_control_v1_Alarm, _yunxi_device_control_v1_AcknowledgeAlarmRequest__Output, _yunxi_device_control_v1_Alarm__Output>
  CreateDevice: MethodDefinition<_yunxi_device_control_v1_CreateDeviceRequest, _yunxi_device_control_v1_CreateDeviceResponse, _yunxi_device_control_v1_CreateDeviceRequest__Output, _yunxi_device_control_v1_CreateDeviceResponse__Output>
  GetCommandKey: MethodDefinition<_yunxi_device_control_v1_GetCommandKeyRequest, _yunxi_device_control_v1_CommandKey, _yunxi_device_control_v1_GetCommandKeyRequest__Output, _yunxi_device_control_v1_CommandKey__Output>
  GetDevice: MethodDefinition<_yunxi_device_control_v1_GetDeviceRequest, _yunxi_device_control_v1_Device, _yunxi_device_control_v1_GetDeviceRequest__Output, _yunxi_device_control_v1_Device__Output>
  IssueAuthorisation: MethodDefinition<_yunxi_device_control_v1_IssueAuthorisationRequest, _yunxi_device_control_v1_Authorisation, _yunxi_device_control_v1_IssueAuthorisationRequest__Output, _yunxi_device_control_v1_Authorisation__Output>
  ListAlarms: MethodDefinition<_yunxi_device_control_v1_ListAlarmsRequest, _yunxi_device_control_v1_ListAlarmsResponse, _yunxi_device_control_v1_ListAlarmsRequest__Output, _yunxi_device_control_v1_ListAlarmsResponse__Output>
  ListDeviceRecords: MethodDefinition<_yunxi_device_control_v1_ListDeviceRecordsRequest, _yunxi_device_control_v1_ListDeviceRecordsResponse, _yunxi_device_control_v1_ListDeviceRecordsRequest__Output, _yunxi_device_control_v1_ListDeviceRecordsResponse__Output>
  ListDevices: MethodDefinition<_yunxi_device_control_v1_ListDevicesRequest, _yunxi_device_control_v1_ListDevicesResponse, _yunxi_device_control_v1_ListDevicesRequest__Output, _yunxi_device_control_v1_ListDevicesResponse__Output>
  RevokeDevice: MethodDefinition<_yunxi_device_control_v1_RevokeDeviceRequest, _yunxi_device_control_v1_Device, _yunxi_device_control_v1_RevokeDeviceRequest__Output, _yunxi_device_control_v1_Device__Output>
}
