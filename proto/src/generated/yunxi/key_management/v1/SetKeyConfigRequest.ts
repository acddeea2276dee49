// Original file: proto/yunxi/key_management/v1/key_management.proto


export interface SetKeyConfigRequest {
  'name'?: (string);
  'minDecryptionVersion'?: (number);
}

export interface SetKeyConfigRequest__Output {
  'name': (string);
  'minDecryptionVersion': (number);
}
