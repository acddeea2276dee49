// Original file: proto/yunxi/device/v1/device.proto

import type { CommandStatus as _yunxi_device_v1_CommandStatus, CommandStatus__Output as _yunxi_device_v1_CommandStatus__Output } from '../../../yunxi/device/v1/CommandStatus.js';
import type { Long } from '@grpc/proto-loader';

export interface CommandAck {
  'commandId'?: (string);
  'status'?: (_yunxi_device_v1_CommandStatus);
  'reason'?: (string);
  'deviceTimeMs'?: (number | string | Long);
}

export interface CommandAck__Output {
  'commandId': (string);
  'status': (_yunxi_device_v1_CommandStatus__Output);
  'reason': (string);
  'deviceTimeMs': (string);
}
