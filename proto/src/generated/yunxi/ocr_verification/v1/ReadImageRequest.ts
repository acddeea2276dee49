// Original file: proto/yunxi/ocr_verification/v1/ocr_verification.proto


export interface ReadImageRequest {
  'image'?: (Buffer | Uint8Array | string);
}

export interface ReadImageRequest__Output {
  'image': (Buffer);
}
