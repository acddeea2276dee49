// Original file: proto/yunxi/organisation/v1/organisation.proto


export interface NotificationChannel {
  'id'?: (string);
  'kind'?: (string);
  'name'?: (string);
  'urlHint'?: (string);
  'hasSecret'?: (boolean);
  'enabled'?: (boolean);
  'createdAt'?: (string);
}

export interface NotificationChannel__Output {
  'id': (string);
  'kind': (string);
  'name': (string);
  'urlHint': (string);
  'hasSecret': (boolean);
  'enabled': (boolean);
  'createdAt': (string);
}
