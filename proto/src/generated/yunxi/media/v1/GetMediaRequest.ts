// Original file: proto/yunxi/media/v1/media.proto


export interface GetMediaRequest {
  'mediaId'?: (string);
}

export interface GetMediaRequest__Output {
  'mediaId': (string);
}
