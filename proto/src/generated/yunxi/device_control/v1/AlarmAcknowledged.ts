// Original file: proto/yunxi/device_control/v1/events.proto


export interface AlarmAcknowledged {
  'alarmId'?: (string);
  'deviceId'?: (string);
  'organisationId'?: (string);
  'kind'?: (string);
  'acknowledgedBy'?: (string);
  'acknowledgedAt'?: (string);
  'note'?: (string);
}

export interface AlarmAcknowledged__Output {
  'alarmId': (string);
  'deviceId': (string);
  'organisationId': (string);
  'kind': (string);
  'acknowledgedBy': (string);
  'acknowledgedAt': (string);
  'note': (string);
}
