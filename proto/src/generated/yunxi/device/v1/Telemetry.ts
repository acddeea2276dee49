// Original file: proto/yunxi/device/v1/device.proto

import type { Long } from '@grpc/proto-loader';

export interface Telemetry {
  'deviceTimeMs'?: (number | string | Long);
  'batteryPercent'?: (number);
  'locked'?: (boolean);
  'rssiDbm'?: (number);
}

export interface Telemetry__Output {
  'deviceTimeMs': (string);
  'batteryPercent': (number);
  'locked': (boolean);
  'rssiDbm': (number);
}
