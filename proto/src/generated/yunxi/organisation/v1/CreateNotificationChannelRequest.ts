// Original file: proto/yunxi/organisation/v1/organisation.proto


export interface CreateNotificationChannelRequest {
  'kind'?: (string);
  'name'?: (string);
  'url'?: (string);
  'secret'?: (string);
}

export interface CreateNotificationChannelRequest__Output {
  'kind': (string);
  'name': (string);
  'url': (string);
  'secret': (string);
}
