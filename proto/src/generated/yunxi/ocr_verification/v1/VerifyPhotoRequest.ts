// Original file: proto/yunxi/ocr_verification/v1/ocr_verification.proto


export interface VerifyPhotoRequest {
  'applicationId'?: (string);
  'impressionId'?: (string);
  'image'?: (Buffer | Uint8Array | string);
  'thresholdProfile'?: (string);
}

export interface VerifyPhotoRequest__Output {
  'applicationId': (string);
  'impressionId': (string);
  'image': (Buffer);
  'thresholdProfile': (string);
}
