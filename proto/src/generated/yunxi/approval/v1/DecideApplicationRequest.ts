// Original file: proto/yunxi/approval/v1/approval.proto


export interface DecideApplicationRequest {
  'id'?: (string);
  'comment'?: (string);
  'expectedVersion'?: (number);
}

export interface DecideApplicationRequest__Output {
  'id': (string);
  'comment': (string);
  'expectedVersion': (number);
}
