// Original file: proto/yunxi/device/v1/device.proto

import type { Long } from '@grpc/proto-loader';

export interface EventAck {
  'sequences'?: (number | string | Long)[];
}

export interface EventAck__Output {
  'sequences': (string)[];
}
