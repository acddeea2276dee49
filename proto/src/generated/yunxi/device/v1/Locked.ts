// Original file: proto/yunxi/device/v1/device.proto

import type { LockReason as _yunxi_device_v1_LockReason, LockReason__Output as _yunxi_device_v1_LockReason__Output } from '../../../yunxi/device/v1/LockReason.js';

export interface Locked {
  'reason'?: (_yunxi_device_v1_LockReason);
}

export interface Locked__Output {
  'reason': (_yunxi_device_v1_LockReason__Output);
}
