// Original file: proto/yunxi/audit/v1/audit.proto

import type { Long } from '@grpc/proto-loader';

export interface VerifyChainRequest {
  'fromSequence'?: (number | string | Long);
  'toSequence'?: (number | string | Long);
}

export interface VerifyChainRequest__Output {
  'fromSequence': (string);
  'toSequence': (string);
}
