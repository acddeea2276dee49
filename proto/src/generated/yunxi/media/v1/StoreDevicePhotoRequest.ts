// Original file: proto/yunxi/media/v1/media.proto

import type { Long } from '@grpc/proto-loader';

export interface StoreDevicePhotoRequest {
  'uploadToken'?: (string);
  'impressionSequence'?: (number | string | Long);
  'contentType'?: (string);
  'sha256'?: (string);
  'data'?: (Buffer | Uint8Array | string);
}

export interface StoreDevicePhotoRequest__Output {
  'uploadToken': (string);
  'impressionSequence': (string);
  'contentType': (string);
  'sha256': (string);
  'data': (Buffer);
}
