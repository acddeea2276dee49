// Original file: proto/yunxi/audit/v1/audit.proto


export interface GetCheckpointRequest {
  'fresh'?: (boolean);
}

export interface GetCheckpointRequest__Output {
  'fresh': (boolean);
}
