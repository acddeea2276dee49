// Original file: proto/yunxi/approval/v1/approval.proto


export interface Decision {
  'outcome'?: (string);
  'decidedBy'?: (string);
  'comment'?: (string);
  'decidedAt'?: (string);
}

export interface Decision__Output {
  'outcome': (string);
  'decidedBy': (string);
  'comment': (string);
  'decidedAt': (string);
}
