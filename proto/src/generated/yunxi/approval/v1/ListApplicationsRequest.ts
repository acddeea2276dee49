// Original file: proto/yunxi/approval/v1/approval.proto


export interface ListApplicationsRequest {
  'state'?: (string);
}

export interface ListApplicationsRequest__Output {
  'state': (string);
}
