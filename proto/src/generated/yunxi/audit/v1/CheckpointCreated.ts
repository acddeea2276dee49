// Original file: proto/yunxi/audit/v1/events.proto

import type { Long } from '@grpc/proto-loader';

export interface CheckpointCreated {
  'organisationId'?: (string);
  'treeSize'?: (number | string | Long);
  'rootHash'?: (string);
  'keyId'?: (string);
  'signature'?: (string);
  'createdAt'?: (string);
}

export interface CheckpointCreated__Output {
  'organisationId': (string);
  'treeSize': (string);
  'rootHash': (string);
  'keyId': (string);
  'signature': (string);
  'createdAt': (string);
}
