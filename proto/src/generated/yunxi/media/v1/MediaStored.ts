// Original file: proto/yunxi/media/v1/events.proto

import type { Long } from '@grpc/proto-loader';

export interface MediaStored {
  'mediaId'?: (string);
  'organisationId'?: (string);
  'kind'?: (string);
  'contentType'?: (string);
  'size'?: (number | string | Long);
  'sha256'?: (string);
  'ownerDeviceId'?: (string);
  'ownerUserId'?: (string);
  'applicationId'?: (string);
  'impressionSequence'?: (number | string | Long);
  'keyName'?: (string);
  'keyVersion'?: (number);
  'storedBy'?: (string);
  'occurredAt'?: (string);
}

export interface MediaStored__Output {
  'mediaId': (string);
  'organisationId': (string);
  'kind': (string);
  'contentType': (string);
  'size': (string);
  'sha256': (string);
  'ownerDeviceId': (string);
  'ownerUserId': (string);
  'applicationId': (string);
  'impressionSequence': (string);
  'keyName': (string);
  'keyVersion': (number);
  'storedBy': (string);
  'occurredAt': (string);
}
