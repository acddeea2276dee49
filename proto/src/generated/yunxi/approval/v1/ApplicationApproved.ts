// Original file: proto/yunxi/approval/v1/events.proto

import type { EventDocumentRef as _yunxi_approval_v1_EventDocumentRef, EventDocumentRef__Output as _yunxi_approval_v1_EventDocumentRef__Output } from '../../../yunxi/approval/v1/EventDocumentRef.js';

export interface ApplicationApproved {
  'applicationId'?: (string);
  'organisationId'?: (string);
  'sealId'?: (string);
  'deviceId'?: (string);
  'applicantUserId'?: (string);
  'impressionCount'?: (number);
  'approvedAt'?: (string);
  'documents'?: (_yunxi_approval_v1_EventDocumentRef)[];
  'approvedBy'?: (string);
  'revision'?: (number);
}

export interface ApplicationApproved__Output {
  'applicationId': (string);
  'organisationId': (string);
  'sealId': (string);
  'deviceId': (string);
  'applicantUserId': (string);
  'impressionCount': (number);
  'approvedAt': (string);
  'documents': (_yunxi_approval_v1_EventDocumentRef__Output)[];
  'approvedBy': (string);
  'revision': (number);
}
