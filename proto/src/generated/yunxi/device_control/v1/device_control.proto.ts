import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AcknowledgeAlarmRequest as _yunxi_device_control_v1_AcknowledgeAlarmRequest, AcknowledgeAlarmRequest__Output as _yunxi_device_control_v1_AcknowledgeAlarmRequest__Output } from './AcknowledgeAlarmRequest.js';
import type { Alarm as _yunxi_device_control_v1_Alarm, Alarm__Output as _yunxi_device_control_v1_Alarm__Output } from './Alarm.js';
import type { AlarmAcknowledgement as _yunxi_device_control_v1_AlarmAcknowledgement, AlarmAcknowledgement__Output as _yunxi_device_control_v1_AlarmAcknowledgement__Output } from './AlarmAcknowledgement.js';
import type { AlarmRecord as _yunxi_device_control_v1_AlarmRecord, AlarmRecord__Output as _yunxi_device_control_v1_AlarmRecord__Output } from './AlarmRecord.js';
import type { Authorisation as _yunxi_device_control_v1_Authorisation, Authorisation__Output as _yunxi_device_control_v1_Authorisation__Output } from './Authorisation.js';
import type { CommandKey as _yunxi_device_control_v1_CommandKey, CommandKey__Output as _yunxi_device_control_v1_CommandKey__Output } from './CommandKey.js';
import type { CreateDeviceRequest as _yunxi_device_control_v1_CreateDeviceRequest, CreateDeviceRequest__Output as _yunxi_device_control_v1_CreateDeviceRequest__Output } from './CreateDeviceRequest.js';
import type { CreateDeviceResponse as _yunxi_device_control_v1_CreateDeviceResponse, CreateDeviceResponse__Output as _yunxi_device_control_v1_CreateDeviceResponse__Output } from './CreateDeviceResponse.js';
import type { Device as _yunxi_device_control_v1_Device, Device__Output as _yunxi_device_control_v1_Device__Output } from './Device.js';
import type { DeviceControlServiceClient as _yunxi_device_control_v1_DeviceControlServiceClient, DeviceControlServiceDefinition as _yunxi_device_control_v1_DeviceControlServiceDefinition } from './DeviceControlService.js';
import type { GetCommandKeyRequest as _yunxi_device_control_v1_GetCommandKeyRequest, GetCommandKeyRequest__Output as _yunxi_device_control_v1_GetCommandKeyRequest__Output } from './GetCommandKeyRequest.js';
import type { GetDeviceRequest as _yunxi_device_control_v1_GetDeviceRequest, GetDeviceRequest__Output as _yunxi_device_control_v1_GetDeviceRequest__Output } from './GetDeviceRequest.js';
import type { IssueAuthorisationRequest as _yunxi_device_control_v1_IssueAuthorisationRequest, IssueAuthorisationRequest__Output as _yunxi_device_control_v1_IssueAuthorisationRequest__Output } from './IssueAuthorisationRequest.js';
import type { ListAlarmsRequest as _yunxi_device_control_v1_ListAlarmsRequest, ListAlarmsRequest__Output as _yunxi_device_control_v1_ListAlarmsRequest__Output } from './ListAlarmsRequest.js';
import type { ListAlarmsResponse as _yunxi_device_control_v1_ListAlarmsResponse, ListAlarmsResponse__Output as _yunxi_device_control_v1_ListAlarmsResponse__Output } from './ListAlarmsResponse.js';
import type { ListDeviceRecordsRequest as _yunxi_device_control_v1_ListDeviceRecordsRequest, ListDeviceRecordsRequest__Output as _yunxi_device_control_v1_ListDeviceRecordsRequest__Output } from './ListDeviceRecordsRequest.js';
import type { ListDeviceRecordsResponse as _yunxi_device_control_v1_ListDeviceRecordsResponse, ListDeviceRecordsResponse__Output as _yunxi_device_control_v1_ListDeviceRecordsResponse__Output } from './ListDeviceRecordsResponse.js';
import type { ListDevicesRequest as _yunxi_device_control_v1_ListDevicesRequest, ListDevicesRequest__Output as _yunxi_device_control_v1_ListDevicesRequest__Output } from './ListDevicesRequest.js';
import type { ListDevicesResponse as _yunxi_device_control_v1_ListDevicesResponse, ListDevicesResponse__Output as _yunxi_device_control_v1_ListDevicesResponse__Output } from './ListDevicesResponse.js';
import type { LockRecord as _yunxi_device_control_v1_LockRecord, LockRecord__Output as _yunxi_device_control_v1_LockRecord__Output } from './LockRecord.js';
import type { RevokeDeviceRequest as _yunxi_device_control_v1_RevokeDeviceRequest, RevokeDeviceRequest__Output as _yunxi_device_control_v1_RevokeDeviceRequest__Output } from './RevokeDeviceRequest.js';
import type { SequenceGap as _yunxi_device_control_v1_SequenceGap, SequenceGap__Output as _yunxi_device_control_v1_SequenceGap__Output } from './SequenceGap.js';
import type { StampRecord as _yunxi_device_control_v1_StampRecord, StampRecord__Output as _yunxi_device_control_v1_StampRecord__Output } from './StampRecord.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  yunxi: {
    device_control: {
      v1: {
        AcknowledgeAlarmRequest: MessageTypeDefinition<_yunxi_device_control_v1_AcknowledgeAlarmRequest, _yunxi_device_control_v1_AcknowledgeAlarmRequest__Output>
        Alarm: MessageTypeDefinition<_yunxi_device_control_v1_Alarm, _yunxi_device_control_v1_Alarm__Output>
        AlarmAcknowledgement: MessageTypeDefinition<_yunxi_device_control_v1_AlarmAcknowledgement, _yunxi_device_control_v1_AlarmAcknowledgement__Output>
        AlarmRecord: MessageTypeDefinition<_yunxi_device_control_v1_AlarmRecord, _yunxi_device_control_v1_AlarmRecord__Output>
        Authorisation: MessageTypeDefinition<_yunxi_device_control_v1_Authorisation, _yunxi_device_control_v1_Authorisation__Output>
        CommandKey: MessageTypeDefinition<_yunxi_device_control_v1_CommandKey, _yunxi_device_control_v1_CommandKey__Output>
        CreateDeviceRequest: MessageTypeDefinition<_yunxi_device_control_v1_CreateDeviceRequest, _yunxi_device_control_v1_CreateDeviceRequest__Output>
        CreateDeviceResponse: MessageTypeDefinition<_yunxi_device_control_v1_CreateDeviceResponse, _yunxi_device_control_v1_CreateDeviceResponse__Output>
        Device: MessageTypeDefinition<_yunxi_device_control_v1_Device, _yunxi_device_control_v1_Device__Output>
        DeviceControlService: SubtypeConstructor<typeof grpc.Client, _yunxi_device_control_v1_DeviceControlServiceClient> & { service: _yunxi_device_control_v1_DeviceControlServiceDefinition }
        GetCommandKeyRequest: MessageTypeDefinition<_yunxi_device_control_v1_GetCommandKeyRequest, _yunxi_device_control_v1_GetCommandKeyRequest__Output>
        GetDeviceRequest: MessageTypeDefinition<_yunxi_device_control_v1_GetDeviceRequest, _yunxi_device_control_v1_GetDeviceRequest__Output>
        IssueAuthorisationRequest: MessageTypeDefinition<_yunxi_device_control_v1_IssueAuthorisationRequest, _yunxi_device_control_v1_IssueAuthorisationRequest__Output>
        ListAlarmsRequest: MessageTypeDefinition<_yunxi_device_control_v1_ListAlarmsRequest, _yunxi_device_control_v1_ListAlarmsRequest__Output>
        ListAlarmsResponse: MessageTypeDefinition<_yunxi_device_control_v1_ListAlarmsResponse, _yunxi_device_control_v1_ListAlarmsResponse__Output>
        ListDeviceRecordsRequest: MessageTypeDefinition<_yunxi_device_control_v1_ListDeviceRecordsRequest, _yunxi_device_control_v1_ListDeviceRecordsRequest__Output>
        ListDeviceRecordsResponse: MessageTypeDefinition<_yunxi_device_control_v1_ListDeviceRecordsResponse, _yunxi_device_control_v1_ListDeviceRecordsResponse__Output>
        ListDevicesRequest: MessageTypeDefinition<_yunxi_device_control_v1_ListDevicesRequest, _yunxi_device_control_v1_ListDevicesRequest__Output>
        ListDevicesResponse: MessageTypeDefinition<_yunxi_device_control_v1_ListDevicesResponse, _yunxi_device_control_v1_ListDevicesResponse__Output>
        LockRecord: MessageTypeDefinition<_yunxi_device_control_v1_LockRecord, _yunxi_device_control_v1_LockRecord__Output>
        RevokeDeviceRequest: MessageTypeDefinition<_yunxi_device_control_v1_RevokeDeviceRequest, _yunxi_device_control_v1_RevokeDeviceRequest__Output>
        SequenceGap: MessageTypeDefinition<_yunxi_device_control_v1_SequenceGap, _yunxi_device_control_v1_SequenceGap__Output>
        StampRecord: MessageTypeDefinition<_yunxi_device_control_v1_StampRecord, _yunxi_device_control_v1_StampRecord__Output>
      }
    }
  }
}

