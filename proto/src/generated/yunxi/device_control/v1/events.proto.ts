import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AlarmAcknowledged as _yunxi_device_control_v1_AlarmAcknowledged, AlarmAcknowledged__Output as _yunxi_device_control_v1_AlarmAcknowledged__Output } from './AlarmAcknowledged.js';
import type { AlarmRaised as _yunxi_device_control_v1_AlarmRaised, AlarmRaised__Output as _yunxi_device_control_v1_AlarmRaised__Output } from './AlarmRaised.js';
import type { DeviceLocked as _yunxi_device_control_v1_DeviceLocked, DeviceLocked__Output as _yunxi_device_control_v1_DeviceLocked__Output } from './DeviceLocked.js';
import type { ImpressionRecorded as _yunxi_device_control_v1_ImpressionRecorded, ImpressionRecorded__Output as _yunxi_device_control_v1_ImpressionRecorded__Output } from './ImpressionRecorded.js';
import type { SequenceGapDetected as _yunxi_device_control_v1_SequenceGapDetected, SequenceGapDetected__Output as _yunxi_device_control_v1_SequenceGapDetected__Output } from './SequenceGapDetected.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  yunxi: {
    device_control: {
      v1: {
        AlarmAcknowledged: MessageTypeDefinition<_yunxi_device_control_v1_AlarmAcknowledged, _yunxi_device_control_v1_AlarmAcknowledged__Output>
        AlarmRaised: MessageTypeDefinition<_yunxi_device_control_v1_AlarmRaised, _yunxi_device_control_v1_AlarmRaised__Output>
        DeviceLocked: MessageTypeDefinition<_yunxi_device_control_v1_DeviceLocked, _yunxi_device_control_v1_DeviceLocked__Output>
        ImpressionRecorded: MessageTypeDefinition<_yunxi_device_control_v1_ImpressionRecorded, _yunxi_device_control_v1_ImpressionRecorded__Output>
        SequenceGapDetected: MessageTypeDefinition<_yunxi_device_control_v1_SequenceGapDetected, _yunxi_device_control_v1_SequenceGapDetected__Output>
      }
    }
  }
}

