// Original file: proto/yunxi/ocr_verification/v1/ocr_verification.proto


export interface SetThresholdProfileRequest {
  'name'?: (string);
}

export interface SetThresholdProfileRequest__Output {
  'name': (string);
}
