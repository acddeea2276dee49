// Original file: proto/yunxi/audit/v1/audit.proto

import type { Entry as _yunxi_audit_v1_Entry, Entry__Output as _yunxi_audit_v1_Entry__Output } from '../../../yunxi/audit/v1/Entry.js';
import type { Checkpoint as _yunxi_audit_v1_Checkpoint, Checkpoint__Output as _yunxi_audit_v1_Checkpoint__Output } from '../../../yunxi/audit/v1/Checkpoint.js';
import type { Long } from '@grpc/proto-loader';

export interface InclusionProof {
  'entry'?: (_yunxi_audit_v1_Entry | null);
  'checkpoint'?: (_yunxi_audit_v1_Checkpoint | null);
  'leafIndex'?: (number | string | Long);
  'auditPath'?: (string)[];
}

export interface InclusionProof__Output {
  'entry': (_yunxi_audit_v1_Entry__Output | null);
  'checkpoint': (_yunxi_audit_v1_Checkpoint__Output | null);
  'leafIndex': (string);
  'auditPath': (string)[];
}
