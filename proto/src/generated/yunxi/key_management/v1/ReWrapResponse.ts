// Original file: proto/yunxi/key_management/v1/key_management.proto


export interface ReWrapResponse {
  'ciphertext'?: (string);
}

export interface ReWrapResponse__Output {
  'ciphertext': (string);
}
