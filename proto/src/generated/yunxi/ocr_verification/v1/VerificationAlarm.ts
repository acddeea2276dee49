// Original file: proto/yunxi/ocr_verification/v1/events.proto

import type { Long } from '@grpc/proto-loader';

export interface VerificationAlarm {
  'verificationId'?: (string);
  'applicationId'?: (string);
  'organisationId'?: (string);
  'impressionId'?: (string);
  'verdict'?: (string);
  'occurredAt'?: (string);
  'mediaId'?: (string);
  'deviceId'?: (string);
  'impressionSequence'?: (number | string | Long);
}

export interface VerificationAlarm__Output {
  'verificationId': (string);
  'applicationId': (string);
  'organisationId': (string);
  'impressionId': (string);
  'verdict': (string);
  'occurredAt': (string);
  'mediaId': (string);
  'deviceId': (string);
  'impressionSequence': (string);
}
