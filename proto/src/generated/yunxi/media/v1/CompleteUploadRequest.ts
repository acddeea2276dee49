// Original file: proto/yunxi/media/v1/media.proto


export interface CompleteUploadRequest {
  'uploadId'?: (string);
}

export interface CompleteUploadRequest__Output {
  'uploadId': (string);
}
