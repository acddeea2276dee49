// Original file: proto/yunxi/approval/v1/approval.proto

import type { Decision as _yunxi_approval_v1_Decision, Decision__Output as _yunxi_approval_v1_Decision__Output } from '../../../yunxi/approval/v1/Decision.js';

export interface ApprovalStep {
  'id'?: (string);
  'revision'?: (number);
  'position'?: (number);
  'mode'?: (string);
  'state'?: (string);
  'decisions'?: (_yunxi_approval_v1_Decision)[];
}

export interface ApprovalStep__Output {
  'id': (string);
  'revision': (number);
  'position': (number);
  'mode': (string);
  'state': (string);
  'decisions': (_yunxi_approval_v1_Decision__Output)[];
}
