// Original file: proto/yunxi/ocr_verification/v1/ocr_verification.proto


export interface ClauseScore {
  'clause'?: (string);
  'errorRate'?: (number | string);
}

export interface ClauseScore__Output {
  'clause': (string);
  'errorRate': (number);
}
