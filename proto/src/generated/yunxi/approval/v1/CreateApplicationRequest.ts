// Original file: proto/yunxi/approval/v1/approval.proto

import type { DocumentRef as _yunxi_approval_v1_DocumentRef, DocumentRef__Output as _yunxi_approval_v1_DocumentRef__Output } from '../../../yunxi/approval/v1/DocumentRef.js';

export interface CreateApplicationRequest {
  'sealId'?: (string);
  'title'?: (string);
  'description'?: (string);
  'documents'?: (_yunxi_approval_v1_DocumentRef)[];
  'impressionCount'?: (number);
}

export interface CreateApplicationRequest__Output {
  'sealId': (string);
  'title': (string);
  'description': (string);
  'documents': (_yunxi_approval_v1_DocumentRef__Output)[];
  'impressionCount': (number);
}
