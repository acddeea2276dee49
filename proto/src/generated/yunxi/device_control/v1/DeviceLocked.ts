// Original file: proto/yunxi/device_control/v1/events.proto

import type { Long } from '@grpc/proto-loader';

export interface DeviceLocked {
  'deviceId'?: (string);
  'organisationId'?: (string);
  'reason'?: (string);
  'sequence'?: (number | string | Long);
  'deviceTime'?: (string);
}

export interface DeviceLocked__Output {
  'deviceId': (string);
  'organisationId': (string);
  'reason': (string);
  'sequence': (string);
  'deviceTime': (string);
}
