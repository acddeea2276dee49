// Original file: proto/yunxi/key_management/v1/key_management.proto


export interface GetKeyRequest {
  'name'?: (string);
}

export interface GetKeyRequest__Output {
  'name': (string);
}
