// Original file: proto/yunxi/key_management/v1/key_management.proto


export interface GenerateDataKeyRequest {
  'name'?: (string);
  'wrappedOnly'?: (boolean);
  'context'?: (Buffer | Uint8Array | string);
}

export interface GenerateDataKeyRequest__Output {
  'name': (string);
  'wrappedOnly': (boolean);
  'context': (Buffer);
}
