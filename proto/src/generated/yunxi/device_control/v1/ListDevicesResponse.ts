// Original file: proto/yunxi/device_control/v1/device_control.proto

import type { Device as _yunxi_device_control_v1_Device, Device__Output as _yunxi_device_control_v1_Device__Output } from '../../../yunxi/device_control/v1/Device.js';

export interface ListDevicesResponse {
  'devices'?: (_yunxi_device_control_v1_Device)[];
}

export interface ListDevicesResponse__Output {
  'devices': (_yunxi_device_control_v1_Device__Output)[];
}
