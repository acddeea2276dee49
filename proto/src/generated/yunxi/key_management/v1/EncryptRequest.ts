// Original file: proto/yunxi/key_management/v1/key_management.proto


export interface EncryptRequest {
  'name'?: (string);
  'plaintext'?: (Buffer | Uint8Array | string);
  'context'?: (Buffer | Uint8Array | string);
}

export interface EncryptRequest__Output {
  'name': (string);
  'plaintext': (Buffer);
  'context': (Buffer);
}
