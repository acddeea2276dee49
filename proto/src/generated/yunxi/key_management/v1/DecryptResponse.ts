// Original file: proto/yunxi/key_management/v1/key_management.proto


export interface DecryptResponse {
  'plaintext'?: (Buffer | Uint8Array | string);
}

export interface DecryptResponse__Output {
  'plaintext': (Buffer);
}
