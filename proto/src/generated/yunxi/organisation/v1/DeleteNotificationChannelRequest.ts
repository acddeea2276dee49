// Original file: proto/yunxi/organisation/v1/organisation.proto


export interface DeleteNotificationChannelRequest {
  'id'?: (string);
}

export interface DeleteNotificationChannelRequest__Output {
  'id': (string);
}
