// Original file: proto/yunxi/key_management/v1/key_management.proto

import type { Suite as _yunxi_key_management_v1_Suite, Suite__Output as _yunxi_key_management_v1_Suite__Output } from '../../../yunxi/key_management/v1/Suite.js';
import type { KeyVersionInfo as _yunxi_key_management_v1_KeyVersionInfo, KeyVersionInfo__Output as _yunxi_key_management_v1_KeyVersionInfo__Output } from '../../../yunxi/key_management/v1/KeyVersionInfo.js';

export interface KeyInfo {
  'name'?: (string);
  'suite'?: (_yunxi_key_management_v1_Suite);
  'latestVersion'?: (number);
  'minDecryptionVersion'?: (number);
  'versions'?: (_yunxi_key_management_v1_KeyVersionInfo)[];
}

export interface KeyInfo__Output {
  'name': (string);
  'suite': (_yunxi_key_management_v1_Suite__Output);
  'latestVersion': (number);
  'minDecryptionVersion': (number);
  'versions': (_yunxi_key_management_v1_KeyVersionInfo__Output)[];
}
