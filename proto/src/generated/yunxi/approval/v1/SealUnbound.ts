// Original file: proto/yunxi/approval/v1/events.proto


export interface SealUnbound {
  'sealId'?: (string);
  'organisationId'?: (string);
  'deviceId'?: (string);
  'unboundBy'?: (string);
  'unboundAt'?: (string);
}

export interface SealUnbound__Output {
  'sealId': (string);
  'organisationId': (string);
  'deviceId': (string);
  'unboundBy': (string);
  'unboundAt': (string);
}
