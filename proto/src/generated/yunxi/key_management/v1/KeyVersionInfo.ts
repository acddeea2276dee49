// Original file: proto/yunxi/key_management/v1/key_management.proto

import type { SecurityLevel as _yunxi_key_management_v1_SecurityLevel, SecurityLevel__Output as _yunxi_key_management_v1_SecurityLevel__Output } from '../../../yunxi/key_management/v1/SecurityLevel.js';
import type { Long } from '@grpc/proto-loader';

export interface KeyVersionInfo {
  'version'?: (number);
  'securityLevel'?: (_yunxi_key_management_v1_SecurityLevel);
  'operations'?: (number | string | Long);
  'createdAt'?: (string);
}

export interface KeyVersionInfo__Output {
  'version': (number);
  'securityLevel': (_yunxi_key_management_v1_SecurityLevel__Output);
  'operations': (string);
  'createdAt': (string);
}
