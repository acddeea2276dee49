// Original file: proto/yunxi/device/v1/device.proto

import type { UnlockMode as _yunxi_device_v1_UnlockMode, UnlockMode__Output as _yunxi_device_v1_UnlockMode__Output } from '../../../yunxi/device/v1/UnlockMode.js';

export interface SetUnlockMode {
  'mode'?: (_yunxi_device_v1_UnlockMode);
}

export interface SetUnlockMode__Output {
  'mode': (_yunxi_device_v1_UnlockMode__Output);
}
