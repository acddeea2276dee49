// Original file: proto/yunxi/device/v1/device.proto

import type { Impression as _yunxi_device_v1_Impression, Impression__Output as _yunxi_device_v1_Impression__Output } from '../../../yunxi/device/v1/Impression.js';
import type { Locked as _yunxi_device_v1_Locked, Locked__Output as _yunxi_device_v1_Locked__Output } from '../../../yunxi/device/v1/Locked.js';
import type { Alarm as _yunxi_device_v1_Alarm, Alarm__Output as _yunxi_device_v1_Alarm__Output } from '../../../yunxi/device/v1/Alarm.js';
import type { Long } from '@grpc/proto-loader';

export interface DeviceEvent {
  'sequence'?: (number | string | Long);
  'deviceTimeMs'?: (number | string | Long);
  'impression'?: (_yunxi_device_v1_Impression | null);
  'locked'?: (_yunxi_device_v1_Locked | null);
  'alarm'?: (_yunxi_device_v1_Alarm | null);
  'body'?: "impression"|"locked"|"alarm";
}

export interface DeviceEvent__Output {
  'sequence': (string);
  'deviceTimeMs': (string);
  'impression'?: (_yunxi_device_v1_Impression__Output | null);
  'locked'?: (_yunxi_device_v1_Locked__Output | null);
  'alarm'?: (_yunxi_device_v1_Alarm__Output | null);
  'body'?: "impression"|"locked"|"alarm";
}
