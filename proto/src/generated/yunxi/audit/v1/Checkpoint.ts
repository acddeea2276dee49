// Original file: proto/yunxi/audit/v1/audit.proto

import type { Long } from '@grpc/proto-loader';

export interface Checkpoint {
  'organisationId'?: (string);
  'treeSize'?: (number | string | Long);
  'rootHash'?: (string);
  'createdAt'?: (string);
  'keyId'?: (string);
  'signature'?: (string);
}

export interface Checkpoint__Output {
  'organisationId': (string);
  'treeSize': (string);
  'rootHash': (string);
  'createdAt': (string);
  'keyId': (string);
  'signature': (string);
}
