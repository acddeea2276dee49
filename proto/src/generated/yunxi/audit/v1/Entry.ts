// Original file: proto/yunxi/audit/v1/audit.proto

import type { Long } from '@grpc/proto-loader';

export interface Entry {
  'organisationId'?: (string);
  'sequence'?: (number | string | Long);
  'occurredAt'?: (string);
  'recordedAt'?: (string);
  'kind'?: (string);
  'sourceEventId'?: (string);
  'applicationId'?: (string);
  'deviceId'?: (string);
  'impressionId'?: (string);
  'actorUserId'?: (string);
  'aggregateId'?: (string);
  'payloadJson'?: (string);
  'prevHash'?: (string);
  'hash'?: (string);
}

export interface Entry__Output {
  'organisationId': (string);
  'sequence': (string);
  'occurredAt': (string);
  'recordedAt': (string);
  'kind': (string);
  'sourceEventId': (string);
  'applicationId': (string);
  'deviceId': (string);
  'impressionId': (string);
  'actorUserId': (string);
  'aggregateId': (string);
  'payloadJson': (string);
  'prevHash': (string);
  'hash': (string);
}
