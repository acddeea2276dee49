// Original file: proto/yunxi/ocr_verification/v1/ocr_verification.proto


export interface GetVerificationRequest {
  'verificationId'?: (string);
}

export interface GetVerificationRequest__Output {
  'verificationId': (string);
}
