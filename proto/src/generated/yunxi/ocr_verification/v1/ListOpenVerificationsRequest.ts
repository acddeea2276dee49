// Original file: proto/yunxi/ocr_verification/v1/ocr_verification.proto


export interface ListOpenVerificationsRequest {
  'limit'?: (number);
}

export interface ListOpenVerificationsRequest__Output {
  'limit': (number);
}
