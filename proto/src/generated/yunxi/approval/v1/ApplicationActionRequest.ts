// Original file: proto/yunxi/approval/v1/approval.proto


export interface ApplicationActionRequest {
  'id'?: (string);
  'expectedVersion'?: (number);
}

export interface ApplicationActionRequest__Output {
  'id': (string);
  'expectedVersion': (number);
}
