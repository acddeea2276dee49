// Original file: proto/yunxi/approval/v1/approval.proto


export interface GetSealRequest {
  'id'?: (string);
}

export interface GetSealRequest__Output {
  'id': (string);
}
