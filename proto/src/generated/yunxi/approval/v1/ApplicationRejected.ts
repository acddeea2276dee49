// Original file: proto/yunxi/approval/v1/events.proto


export interface ApplicationRejected {
  'applicationId'?: (string);
  'organisationId'?: (string);
  'sealId'?: (string);
  'applicantUserId'?: (string);
  'rejectedBy'?: (string);
  'revision'?: (number);
  'rejectedAt'?: (string);
}

export interface ApplicationRejected__Output {
  'applicationId': (string);
  'organisationId': (string);
  'sealId': (string);
  'applicantUserId': (string);
  'rejectedBy': (string);
  'revision': (number);
  'rejectedAt': (string);
}
