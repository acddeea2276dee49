// Original file: proto/yunxi/audit/v1/audit.proto

import type { Entry as _yunxi_audit_v1_Entry, Entry__Output as _yunxi_audit_v1_Entry__Output } from '../../../yunxi/audit/v1/Entry.js';
import type { Long } from '@grpc/proto-loader';

export interface ListEntriesResponse {
  'entries'?: (_yunxi_audit_v1_Entry)[];
  'nextAfterSequence'?: (number | string | Long);
}

export interface ListEntriesResponse__Output {
  'entries': (_yunxi_audit_v1_Entry__Output)[];
  'nextAfterSequence': (string);
}
