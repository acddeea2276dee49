// Original file: proto/yunxi/ocr_verification/v1/ocr_verification.proto


export interface RegisterOriginalResponse {
  'applicationId'?: (string);
  'clausesPerPage'?: (number)[];
}

export interface RegisterOriginalResponse__Output {
  'applicationId': (string);
  'clausesPerPage': (number)[];
}
