// Original file: proto/yunxi/approval/v1/approval.proto


export interface DocumentRef {
  'objectKey'?: (string);
  'sha256'?: (string);
  'contentType'?: (string);
}

export interface DocumentRef__Output {
  'objectKey': (string);
  'sha256': (string);
  'contentType': (string);
}
