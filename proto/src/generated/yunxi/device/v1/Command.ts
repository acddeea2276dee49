// Original file: proto/yunxi/device/v1/device.proto

import type { Authorise as _yunxi_device_v1_Authorise, Authorise__Output as _yunxi_device_v1_Authorise__Output } from '../../../yunxi/device/v1/Authorise.js';
import type { Lock as _yunxi_device_v1_Lock, Lock__Output as _yunxi_device_v1_Lock__Output } from '../../../yunxi/device/v1/Lock.js';
import type { SetUnlockMode as _yunxi_device_v1_SetUnlockMode, SetUnlockMode__Output as _yunxi_device_v1_SetUnlockMode__Output } from '../../../yunxi/device/v1/SetUnlockMode.js';
import type { Long } from '@grpc/proto-loader';

export interface Command {
  'commandId'?: (string);
  'nonce'?: (Buffer | Uint8Array | string);
  'issuedAtMs'?: (number | string | Long);
  'expiresAtMs'?: (number | string | Long);
  'deviceId'?: (string);
  'authorise'?: (_yunxi_device_v1_Authorise | null);
  'lock'?: (_yunxi_device_v1_Lock | null);
  'setUnlockMode'?: (_yunxi_device_v1_SetUnlockMode | null);
  'body'?: "authorise"|"lock"|"setUnlockMode";
}

export interface Command__Output {
  'commandId': (string);
  'nonce': (Buffer);
  'issuedAtMs': (string);
  'expiresAtMs': (string);
  'deviceId': (string);
  'authorise'?: (_yunxi_device_v1_Authorise__Output | null);
  'lock'?: (_yunxi_device_v1_Lock__Output | null);
  'setUnlockMode'?: (_yunxi_device_v1_SetUnlockMode__Output | null);
  'body'?: "authorise"|"lock"|"setUnlockMode";
}
