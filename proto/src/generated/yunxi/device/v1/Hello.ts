// Original file: proto/yunxi/device/v1/device.proto

import type { Long } from '@grpc/proto-loader';

export interface Hello {
  'deviceId'?: (string);
  'protocolVersion'?: (number);
  'firmware'?: (string);
  'lastSequence'?: (number | string | Long);
  'queuedEvents'?: (number);
}

export interface Hello__Output {
  'deviceId': (string);
  'protocolVersion': (number);
  'firmware': (string);
  'lastSequence': (string);
  'queuedEvents': (number);
}
