// Original file: proto/yunxi/key_management/v1/key_management.proto

import type { SecurityLevel as _yunxi_key_management_v1_SecurityLevel, SecurityLevel__Output as _yunxi_key_management_v1_SecurityLevel__Output } from '../../../yunxi/key_management/v1/SecurityLevel.js';

export interface GenerateDataKeyResponse {
  'plaintext'?: (Buffer | Uint8Array | string);
  'ciphertext'?: (string);
  'keyVersion'?: (number);
  'securityLevel'?: (_yunxi_key_management_v1_SecurityLevel);
}

export interface GenerateDataKeyResponse__Output {
  'plaintext': (Buffer);
  'ciphertext': (string);
  'keyVersion': (number);
  'securityLevel': (_yunxi_key_management_v1_SecurityLevel__Output);
}
