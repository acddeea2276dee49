// Original file: proto/yunxi/device_control/v1/device_control.proto


export interface StampRecord {
  'sequence'?: (string);
  'deviceTime'?: (string);
  'receivedAt'?: (string);
  'authorisationId'?: (string);
  'applicationId'?: (string);
  'userId'?: (string);
  'photoRef'?: (string);
  'authorised'?: (boolean);
}

export interface StampRecord__Output {
  'sequence': (string);
  'deviceTime': (string);
  'receivedAt': (string);
  'authorisationId': (string);
  'applicationId': (string);
  'userId': (string);
  'photoRef': (string);
  'authorised': (boolean);
}
