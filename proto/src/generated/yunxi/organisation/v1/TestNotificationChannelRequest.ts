// Original file: proto/yunxi/organisation/v1/organisation.proto


export interface TestNotificationChannelRequest {
  'id'?: (string);
}

export interface TestNotificationChannelRequest__Output {
  'id': (string);
}
