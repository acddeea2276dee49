// Original file: proto/yunxi/key_management/v1/key_management.proto


export interface DecryptRequest {
  'name'?: (string);
  'ciphertext'?: (string);
  'context'?: (Buffer | Uint8Array | string);
}

export interface DecryptRequest__Output {
  'name': (string);
  'ciphertext': (string);
  'context': (Buffer);
}
