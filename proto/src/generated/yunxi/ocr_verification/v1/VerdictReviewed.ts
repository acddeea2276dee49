// Original file: proto/yunxi/ocr_verification/v1/events.proto


export interface VerdictReviewed {
  'verificationId'?: (string);
  'applicationId'?: (string);
  'organisationId'?: (string);
  'reviewerId'?: (string);
  'decision'?: (string);
  'previousVerdict'?: (string);
  'verdict'?: (string);
  'occurredAt'?: (string);
}

export interface VerdictReviewed__Output {
  'verificationId': (string);
  'applicationId': (string);
  'organisationId': (string);
  'reviewerId': (string);
  'decision': (string);
  'previousVerdict': (string);
  'verdict': (string);
  'occurredAt': (string);
}
