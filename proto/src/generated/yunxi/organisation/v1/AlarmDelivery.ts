// Original file: proto/yunxi/organisation/v1/organisation.proto


export interface AlarmDelivery {
  'id'?: (string);
  'channelId'?: (string);
  'eventId'?: (string);
  'source'?: (string);
  'kind'?: (string);
  'deviceId'?: (string);
  'applicationId'?: (string);
  'verificationId'?: (string);
  'occurredAt'?: (string);
  'state'?: (string);
  'attempts'?: (number);
  'nextAttemptAt'?: (string);
  'lastError'?: (string);
  'lastStatus'?: (number);
  'createdAt'?: (string);
  'deliveredAt'?: (string);
}

export interface AlarmDelivery__Output {
  'id': (string);
  'channelId': (string);
  'eventId': (string);
  'source': (string);
  'kind': (string);
  'deviceId': (string);
  'applicationId': (string);
  'verificationId': (string);
  'occurredAt': (string);
  'state': (string);
  'attempts': (number);
  'nextAttemptAt': (string);
  'lastError': (string);
  'lastStatus': (number);
  'createdAt': (string);
  'deliveredAt': (string);
}
