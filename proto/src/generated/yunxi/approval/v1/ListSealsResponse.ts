// Original file: proto/yunxi/approval/v1/approval.proto

import type { Seal as _yunxi_approval_v1_Seal, Seal__Output as _yunxi_approval_v1_Seal__Output } from '../../../yunxi/approval/v1/Seal.js';

export interface ListSealsResponse {
  'seals'?: (_yunxi_approval_v1_Seal)[];
}

export interface ListSealsResponse__Output {
  'seals': (_yunxi_approval_v1_Seal__Output)[];
}
