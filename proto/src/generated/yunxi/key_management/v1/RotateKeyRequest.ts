// Original file: proto/yunxi/key_management/v1/key_management.proto


export interface RotateKeyRequest {
  'name'?: (string);
}

export interface RotateKeyRequest__Output {
  'name': (string);
}
