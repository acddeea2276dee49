// Original file: proto/yunxi/ocr_verification/v1/events.proto


export interface VerificationAlarm {
  'verificationId'?: (string);
  'applicationId'?: (string);
  'organisationId'?: (string);
  'impressionId'?: (string);
  'verdict'?: (string);
  'occurredAt'?: (string);
}

export interface VerificationAlarm__Output {
  'verificationId': (string);
  'applicationId': (string);
  'organisationId': (string);
  'impressionId': (string);
  'verdict': (string);
  'occurredAt': (string);
}
