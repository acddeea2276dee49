// Original file: proto/yunxi/device/v1/device.proto


export interface Impression {
  'authorisationId'?: (string);
  'applicationId'?: (string);
  'userId'?: (string);
  'photoRef'?: (string);
  'remaining'?: (number);
  'latitude'?: (number | string);
  'longitude'?: (number | string);
}

export interface Impression__Output {
  'authorisationId': (string);
  'applicationId': (string);
  'userId': (string);
  'photoRef': (string);
  'remaining': (number);
  'latitude': (number);
  'longitude': (number);
}
