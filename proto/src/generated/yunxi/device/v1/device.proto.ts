import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Alarm as _yunxi_device_v1_Alarm, Alarm__Output as _yunxi_device_v1_Alarm__Output } from './Alarm.js';
import type { Authorise as _yunxi_device_v1_Authorise, Authorise__Output as _yunxi_device_v1_Authorise__Output } from './Authorise.js';
import type { Command as _yunxi_device_v1_Command, Command__Output as _yunxi_device_v1_Command__Output } from './Command.js';
import type { CommandAck as _yunxi_device_v1_CommandAck, CommandAck__Output as _yunxi_device_v1_CommandAck__Output } from './CommandAck.js';
import type { DeviceEvent as _yunxi_device_v1_DeviceEvent, DeviceEvent__Output as _yunxi_device_v1_DeviceEvent__Output } from './DeviceEvent.js';
import type { EventAck as _yunxi_device_v1_EventAck, EventAck__Output as _yunxi_device_v1_EventAck__Output } from './EventAck.js';
import type { Hello as _yunxi_device_v1_Hello, Hello__Output as _yunxi_device_v1_Hello__Output } from './Hello.js';
import type { Impression as _yunxi_device_v1_Impression, Impression__Output as _yunxi_device_v1_Impression__Output } from './Impression.js';
import type { Lock as _yunxi_device_v1_Lock, Lock__Output as _yunxi_device_v1_Lock__Output } from './Lock.js';
import type { Locked as _yunxi_device_v1_Locked, Locked__Output as _yunxi_device_v1_Locked__Output } from './Locked.js';
import type { SetUnlockMode as _yunxi_device_v1_SetUnlockMode, SetUnlockMode__Output as _yunxi_device_v1_SetUnlockMode__Output } from './SetUnlockMode.js';
import type { SignedCommand as _yunxi_device_v1_SignedCommand, SignedCommand__Output as _yunxi_device_v1_SignedCommand__Output } from './SignedCommand.js';
import type { Telemetry as _yunxi_device_v1_Telemetry, Telemetry__Output as _yunxi_device_v1_Telemetry__Output } from './Telemetry.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  yunxi: {
    device: {
      v1: {
        Alarm: MessageTypeDefinition<_yunxi_device_v1_Alarm, _yunxi_device_v1_Alarm__Output>
        AlarmKind: EnumTypeDefinition
        Authorise: MessageTypeDefinition<_yunxi_device_v1_Authorise, _yunxi_device_v1_Authorise__Output>
        Command: MessageTypeDefinition<_yunxi_device_v1_Command, _yunxi_device_v1_Command__Output>
        CommandAck: MessageTypeDefinition<_yunxi_device_v1_CommandAck, _yunxi_device_v1_CommandAck__Output>
        CommandStatus: EnumTypeDefinition
        DeviceEvent: MessageTypeDefinition<_yunxi_device_v1_DeviceEvent, _yunxi_device_v1_DeviceEvent__Output>
        EventAck: MessageTypeDefinition<_yunxi_device_v1_EventAck, _yunxi_device_v1_EventAck__Output>
        Hello: MessageTypeDefinition<_yunxi_device_v1_Hello, _yunxi_device_v1_Hello__Output>
        Impression: MessageTypeDefinition<_yunxi_device_v1_Impression, _yunxi_device_v1_Impression__Output>
        Lock: MessageTypeDefinition<_yunxi_device_v1_Lock, _yunxi_device_v1_Lock__Output>
        LockReason: EnumTypeDefinition
        Locked: MessageTypeDefinition<_yunxi_device_v1_Locked, _yunxi_device_v1_Locked__Output>
        SetUnlockMode: MessageTypeDefinition<_yunxi_device_v1_SetUnlockMode, _yunxi_device_v1_SetUnlockMode__Output>
        SignedCommand: MessageTypeDefinition<_yunxi_device_v1_SignedCommand, _yunxi_device_v1_SignedCommand__Output>
        Telemetry: MessageTypeDefinition<_yunxi_device_v1_Telemetry, _yunxi_device_v1_Telemetry__Output>
        UnlockMode: EnumTypeDefinition
      }
    }
  }
}

