// Original file: proto/yunxi/key_management/v1/key_management.proto


export interface ReWrapRequest {
  'name'?: (string);
  'ciphertext'?: (string);
  'context'?: (Buffer | Uint8Array | string);
}

export interface ReWrapRequest__Output {
  'name': (string);
  'ciphertext': (string);
  'context': (Buffer);
}
