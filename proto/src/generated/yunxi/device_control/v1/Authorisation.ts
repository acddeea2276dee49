// Original file: proto/yunxi/device_control/v1/device_control.proto


export interface Authorisation {
  'id'?: (string);
  'deviceId'?: (string);
  'applicationId'?: (string);
  'userId'?: (string);
  'impressions'?: (number);
  'remaining'?: (number);
  'expiresAt'?: (string);
  'commandStatus'?: (string);
}

export interface Authorisation__Output {
  'id': (string);
  'deviceId': (string);
  'applicationId': (string);
  'userId': (string);
  'impressions': (number);
  'remaining': (number);
  'expiresAt': (string);
  'commandStatus': (string);
}
