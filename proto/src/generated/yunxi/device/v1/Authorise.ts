// Original file: proto/yunxi/device/v1/device.proto

import type { Long } from '@grpc/proto-loader';

export interface Authorise {
  'authorisationId'?: (string);
  'applicationId'?: (string);
  'userId'?: (string);
  'impressions'?: (number);
  'validUntilMs'?: (number | string | Long);
  'uploadToken'?: (string);
}

export interface Authorise__Output {
  'authorisationId': (string);
  'applicationId': (string);
  'userId': (string);
  'impressions': (number);
  'validUntilMs': (string);
  'uploadToken': (string);
}
