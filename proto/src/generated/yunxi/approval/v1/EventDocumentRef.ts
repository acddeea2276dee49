// Original file: proto/yunxi/approval/v1/events.proto


export interface EventDocumentRef {
  'objectKey'?: (string);
  'sha256'?: (string);
  'contentType'?: (string);
}

export interface EventDocumentRef__Output {
  'objectKey': (string);
  'sha256': (string);
  'contentType': (string);
}
