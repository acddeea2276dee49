// Original file: proto/yunxi/device_control/v1/device_control.proto


export interface CommandKey {
  'publicKey'?: (string);
  'publicKeyPem'?: (string);
  'keyId'?: (string);
}

export interface CommandKey__Output {
  'publicKey': (string);
  'publicKeyPem': (string);
  'keyId': (string);
}
