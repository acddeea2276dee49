// Original file: proto/yunxi/organisation/v1/organisation.proto


export interface TestNotificationChannelResponse {
  'delivered'?: (boolean);
  'status'?: (number);
  'error'?: (string);
}

export interface TestNotificationChannelResponse__Output {
  'delivered': (boolean);
  'status': (number);
  'error': (string);
}
