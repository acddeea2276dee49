// Original file: proto/yunxi/approval/v1/approval.proto


export interface GetApplicationRequest {
  'id'?: (string);
}

export interface GetApplicationRequest__Output {
  'id': (string);
}
