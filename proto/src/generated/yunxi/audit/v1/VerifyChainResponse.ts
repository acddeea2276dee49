// Original file: proto/yunxi/audit/v1/audit.proto

import type { Long } from '@grpc/proto-loader';

export interface VerifyChainResponse {
  'ok'?: (boolean);
  'checked'?: (number | string | Long);
  'firstBrokenSequence'?: (number | string | Long);
  'problem'?: (string);
  'checkpointsChecked'?: (number);
}

export interface VerifyChainResponse__Output {
  'ok': (boolean);
  'checked': (string);
  'firstBrokenSequence': (string);
  'problem': (string);
  'checkpointsChecked': (number);
}
