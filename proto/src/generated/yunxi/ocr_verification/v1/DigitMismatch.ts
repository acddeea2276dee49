// Original file: proto/yunxi/ocr_verification/v1/ocr_verification.proto


export interface DigitMismatch {
  'clause'?: (string);
  'expected'?: (string);
  'found'?: (string);
}

export interface DigitMismatch__Output {
  'clause': (string);
  'expected': (string);
  'found': (string);
}
