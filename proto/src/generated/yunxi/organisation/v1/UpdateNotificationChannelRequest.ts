// Original file: proto/yunxi/organisation/v1/organisation.proto


export interface UpdateNotificationChannelRequest {
  'id'?: (string);
  'name'?: (string);
  'url'?: (string);
  'secret'?: (string);
  'enabled'?: (boolean);
  '_name'?: "name";
  '_url'?: "url";
  '_secret'?: "secret";
  '_enabled'?: "enabled";
}

export interface UpdateNotificationChannelRequest__Output {
  'id': (string);
  'name'?: (string);
  'url'?: (string);
  'secret'?: (string);
  'enabled'?: (boolean);
  '_name'?: "name";
  '_url'?: "url";
  '_secret'?: "secret";
  '_enabled'?: "enabled";
}
