// Original file: proto/yunxi/device/v1/device.proto

import type { AlarmKind as _yunxi_device_v1_AlarmKind, AlarmKind__Output as _yunxi_device_v1_AlarmKind__Output } from '../../../yunxi/device/v1/AlarmKind.js';

export interface Alarm {
  'kind'?: (_yunxi_device_v1_AlarmKind);
  'detail'?: (string);
}

export interface Alarm__Output {
  'kind': (_yunxi_device_v1_AlarmKind__Output);
  'detail': (string);
}
