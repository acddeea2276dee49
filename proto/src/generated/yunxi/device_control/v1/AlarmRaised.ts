// Original file: proto/yunxi/device_control/v1/events.proto

import type { Long } from '@grpc/proto-loader';

export interface AlarmRaised {
  'deviceId'?: (string);
  'organisationId'?: (string);
  'kind'?: (string);
  'detail'?: (string);
  'sequence'?: (number | string | Long);
  'occurredAt'?: (string);
}

export interface AlarmRaised__Output {
  'deviceId': (string);
  'organisationId': (string);
  'kind': (string);
  'detail': (string);
  'sequence': (string);
  'occurredAt': (string);
}
