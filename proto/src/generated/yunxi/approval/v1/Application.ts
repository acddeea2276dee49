// Original file: proto/yunxi/approval/v1/approval.proto

import type { DocumentRef as _yunxi_approval_v1_DocumentRef, DocumentRef__Output as _yunxi_approval_v1_DocumentRef__Output } from '../../../yunxi/approval/v1/DocumentRef.js';
import type { ApprovalStep as _yunxi_approval_v1_ApprovalStep, ApprovalStep__Output as _yunxi_approval_v1_ApprovalStep__Output } from '../../../yunxi/approval/v1/ApprovalStep.js';

export interface Application {
  'id'?: (string);
  'organisationId'?: (string);
  'sealId'?: (string);
  'applicantUserId'?: (string);
  'title'?: (string);
  'description'?: (string);
  'documents'?: (_yunxi_approval_v1_DocumentRef)[];
  'impressionCount'?: (number);
  'state'?: (string);
  'revision'?: (number);
  'version'?: (number);
  'approvedDeviceId'?: (string);
  'steps'?: (_yunxi_approval_v1_ApprovalStep)[];
  'createdAt'?: (string);
  'updatedAt'?: (string);
}

export interface Application__Output {
  'id': (string);
  'organisationId': (string);
  'sealId': (string);
  'applicantUserId': (string);
  'title': (string);
  'description': (string);
  'documents': (_yunxi_approval_v1_DocumentRef__Output)[];
  'impressionCount': (number);
  'state': (string);
  'revision': (number);
  'version': (number);
  'approvedDeviceId': (string);
  'steps': (_yunxi_approval_v1_ApprovalStep__Output)[];
  'createdAt': (string);
  'updatedAt': (string);
}
