// Original file: proto/yunxi/approval/v1/events.proto


export interface SealBound {
  'sealId'?: (string);
  'organisationId'?: (string);
  'deviceId'?: (string);
  'boundBy'?: (string);
  'boundAt'?: (string);
}

export interface SealBound__Output {
  'sealId': (string);
  'organisationId': (string);
  'deviceId': (string);
  'boundBy': (string);
  'boundAt': (string);
}
