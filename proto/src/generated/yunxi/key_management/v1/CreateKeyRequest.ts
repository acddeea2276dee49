// Original file: proto/yunxi/key_management/v1/key_management.proto

import type { Suite as _yunxi_key_management_v1_Suite, Suite__Output as _yunxi_key_management_v1_Suite__Output } from '../../../yunxi/key_management/v1/Suite.js';

export interface CreateKeyRequest {
  'name'?: (string);
  'suite'?: (_yunxi_key_management_v1_Suite);
}

export interface CreateKeyRequest__Output {
  'name': (string);
  'suite': (_yunxi_key_management_v1_Suite__Output);
}
