// Original file: proto/yunxi/ocr_verification/v1/events.proto


export interface PhotoVerified {
  'verificationId'?: (string);
  'applicationId'?: (string);
  'organisationId'?: (string);
  'impressionId'?: (string);
  'verdict'?: (string);
  'similarity'?: (number | string);
  'page'?: (number);
  'changedClauses'?: (number);
  'digitMismatches'?: (number);
  'engine'?: (string);
  'thresholdProfile'?: (string);
  'occurredAt'?: (string);
}

export interface PhotoVerified__Output {
  'verificationId': (string);
  'applicationId': (string);
  'organisationId': (string);
  'impressionId': (string);
  'verdict': (string);
  'similarity': (number);
  'page': (number);
  'changedClauses': (number);
  'digitMismatches': (number);
  'engine': (string);
  'thresholdProfile': (string);
  'occurredAt': (string);
}
