// Original file: proto/yunxi/ocr_verification/v1/ocr_verification.proto


export interface ThresholdProfile {
  'name'?: (string);
  'clauseMismatch'?: (number | string);
  'clauseReview'?: (number | string);
  'globalReview'?: (number | string);
  'pageMaxError'?: (number | string);
  'blankInkRatio'?: (number | string);
}

export interface ThresholdProfile__Output {
  'name': (string);
  'clauseMismatch': (number);
  'clauseReview': (number);
  'globalReview': (number);
  'pageMaxError': (number);
  'blankInkRatio': (number);
}
