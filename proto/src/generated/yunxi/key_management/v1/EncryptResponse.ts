// Original file: proto/yunxi/key_management/v1/key_management.proto


export interface EncryptResponse {
  'ciphertext'?: (string);
}

export interface EncryptResponse__Output {
  'ciphertext': (string);
}
