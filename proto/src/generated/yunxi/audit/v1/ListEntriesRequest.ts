// Original file: proto/yunxi/audit/v1/audit.proto

import type { Long } from '@grpc/proto-loader';

export interface ListEntriesRequest {
  'subject'?: (string);
  'afterSequence'?: (number | string | Long);
  'limit'?: (number);
}

export interface ListEntriesRequest__Output {
  'subject': (string);
  'afterSequence': (string);
  'limit': (number);
}
