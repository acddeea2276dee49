// Original file: proto/yunxi/ocr_verification/v1/ocr_verification.proto


export interface ReadImageResponse {
  'text'?: (string);
  'lines'?: (string)[];
  'engine'?: (string);
  'inkRatio'?: (number | string);
}

export interface ReadImageResponse__Output {
  'text': (string);
  'lines': (string)[];
  'engine': (string);
  'inkRatio': (number);
}
