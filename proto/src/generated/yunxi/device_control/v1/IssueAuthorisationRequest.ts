// Original file: proto/yunxi/device_control/v1/device_control.proto


export interface IssueAuthorisationRequest {
  'deviceId'?: (string);
  'applicationId'?: (string);
  'userId'?: (string);
  'impressions'?: (number);
  'ttlSeconds'?: (number);
}

export interface IssueAuthorisationRequest__Output {
  'deviceId': (string);
  'applicationId': (string);
  'userId': (string);
  'impressions': (number);
  'ttlSeconds': (number);
}
