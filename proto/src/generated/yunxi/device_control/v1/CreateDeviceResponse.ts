// Original file: proto/yunxi/device_control/v1/device_control.proto

import type { Device as _yunxi_device_control_v1_Device, Device__Output as _yunxi_device_control_v1_Device__Output } from '../../../yunxi/device_control/v1/Device.js';
import type { CommandKey as _yunxi_device_control_v1_CommandKey, CommandKey__Output as _yunxi_device_control_v1_CommandKey__Output } from '../../../yunxi/device_control/v1/CommandKey.js';

export interface CreateDeviceResponse {
  'device'?: (_yunxi_device_control_v1_Device | null);
  'secret'?: (string);
  'brokerUrl'?: (string);
  'commandKey'?: (_yunxi_device_control_v1_CommandKey | null);
}

export interface CreateDeviceResponse__Output {
  'device': (_yunxi_device_control_v1_Device__Output | null);
  'secret': (string);
  'brokerUrl': (string);
  'commandKey': (_yunxi_device_control_v1_CommandKey__Output | null);
}
