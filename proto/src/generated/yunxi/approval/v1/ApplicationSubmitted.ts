// Original file: proto/yunxi/approval/v1/events.proto

import type { EventDocumentRef as _yunxi_approval_v1_EventDocumentRef, EventDocumentRef__Output as _yunxi_approval_v1_EventDocumentRef__Output } from '../../../yunxi/approval/v1/EventDocumentRef.js';

export interface ApplicationSubmitted {
  'applicationId'?: (string);
  'organisationId'?: (string);
  'sealId'?: (string);
  'applicantUserId'?: (string);
  'impressionCount'?: (number);
  'revision'?: (number);
  'documents'?: (_yunxi_approval_v1_EventDocumentRef)[];
  'submittedAt'?: (string);
}

export interface ApplicationSubmitted__Output {
  'applicationId': (string);
  'organisationId': (string);
  'sealId': (string);
  'applicantUserId': (string);
  'impressionCount': (number);
  'revision': (number);
  'documents': (_yunxi_approval_v1_EventDocumentRef__Output)[];
  'submittedAt': (string);
}
