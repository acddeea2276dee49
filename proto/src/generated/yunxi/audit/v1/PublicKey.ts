// Original file: proto/yunxi/audit/v1/audit.proto


export interface PublicKey {
  'algorithm'?: (string);
  'keyId'?: (string);
  'publicKeyPem'?: (string);
}

export interface PublicKey__Output {
  'algorithm': (string);
  'keyId': (string);
  'publicKeyPem': (string);
}
