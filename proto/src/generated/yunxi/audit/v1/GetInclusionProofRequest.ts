// Original file: proto/yunxi/audit/v1/audit.proto

import type { Long } from '@grpc/proto-loader';

export interface GetInclusionProofRequest {
  'sequence'?: (number | string | Long);
  'treeSize'?: (number | string | Long);
}

export interface GetInclusionProofRequest__Output {
  'sequence': (string);
  'treeSize': (string);
}
