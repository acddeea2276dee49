// Original file: proto/yunxi/device/v1/device.proto


export interface Lock {
  'reason'?: (string);
}

export interface Lock__Output {
  'reason': (string);
}
