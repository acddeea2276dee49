// Original file: proto/yunxi/media/v1/media.proto


export interface GetMediaContentRequest {
  'mediaId'?: (string);
}

export interface GetMediaContentRequest__Output {
  'mediaId': (string);
}
