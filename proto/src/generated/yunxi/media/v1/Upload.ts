// Original file: proto/yunxi/media/v1/media.proto


export interface Upload {
  'uploadId'?: (string);
  'uploadUrl'?: (string);
  'contentType'?: (string);
  'urlExpiresAt'?: (string);
  'expiresAt'?: (string);
}

export interface Upload__Output {
  'uploadId': (string);
  'uploadUrl': (string);
  'contentType': (string);
  'urlExpiresAt': (string);
  'expiresAt': (string);
}
