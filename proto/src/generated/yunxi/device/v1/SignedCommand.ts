// Original file: proto/yunxi/device/v1/device.proto


export interface SignedCommand {
  'command'?: (Buffer | Uint8Array | string);
  'signature'?: (Buffer | Uint8Array | string);
  'keyId'?: (string);
}

export interface SignedCommand__Output {
  'command': (Buffer);
  'signature': (Buffer);
  'keyId': (string);
}
