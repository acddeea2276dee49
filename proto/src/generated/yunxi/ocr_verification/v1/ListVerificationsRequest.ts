// Original file: proto/yunxi/ocr_verification/v1/ocr_verification.proto


export interface ListVerificationsRequest {
  'applicationId'?: (string);
}

export interface ListVerificationsRequest__Output {
  'applicationId': (string);
}
