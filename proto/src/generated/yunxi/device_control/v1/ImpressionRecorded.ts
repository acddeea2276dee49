// Original file: proto/yunxi/device_control/v1/events.proto

import type { Long } from '@grpc/proto-loader';

export interface ImpressionRecorded {
  'deviceId'?: (string);
  'organisationId'?: (string);
  'sequence'?: (number | string | Long);
  'deviceTime'?: (string);
  'authorisationId'?: (string);
  'applicationId'?: (string);
  'userId'?: (string);
  'photoRef'?: (string);
  'authorised'?: (boolean);
}

export interface ImpressionRecorded__Output {
  'deviceId': (string);
  'organisationId': (string);
  'sequence': (string);
  'deviceTime': (string);
  'authorisationId': (string);
  'applicationId': (string);
  'userId': (string);
  'photoRef': (string);
  'authorised': (boolean);
}
