// Original file: proto/yunxi/ocr_verification/v1/events.proto

import type { Long } from '@grpc/proto-loader';

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
  'mediaId'?: (string);
  'deviceId'?: (string);
  'impressionSequence'?: (number | string | Long);
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
  'mediaId': (string);
  'deviceId': (string);
  'impressionSequence': (string);
}
