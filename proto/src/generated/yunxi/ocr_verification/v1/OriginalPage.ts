// Original file: proto/yunxi/ocr_verification/v1/ocr_verification.proto


export interface OriginalPage {
  'text'?: (string);
  'image'?: (Buffer | Uint8Array | string);
  'content'?: "text"|"image";
}

export interface OriginalPage__Output {
  'text'?: (string);
  'image'?: (Buffer);
  'content'?: "text"|"image";
}
