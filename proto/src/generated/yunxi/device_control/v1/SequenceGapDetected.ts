// Original file: proto/yunxi/device_control/v1/events.proto

import type { Long } from '@grpc/proto-loader';

export interface SequenceGapDetected {
  'deviceId'?: (string);
  'organisationId'?: (string);
  'fromSequence'?: (number | string | Long);
  'toSequence'?: (number | string | Long);
}

export interface SequenceGapDetected__Output {
  'deviceId': (string);
  'organisationId': (string);
  'fromSequence': (string);
  'toSequence': (string);
}
