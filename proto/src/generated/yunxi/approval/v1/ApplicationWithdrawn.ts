// Original file: proto/yunxi/approval/v1/events.proto


export interface ApplicationWithdrawn {
  'applicationId'?: (string);
  'organisationId'?: (string);
  'sealId'?: (string);
  'applicantUserId'?: (string);
  'revision'?: (number);
  'withdrawnAt'?: (string);
}

export interface ApplicationWithdrawn__Output {
  'applicationId': (string);
  'organisationId': (string);
  'sealId': (string);
  'applicantUserId': (string);
  'revision': (number);
  'withdrawnAt': (string);
}
