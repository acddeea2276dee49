// Original file: proto/yunxi/device_control/v1/device_control.proto


export interface LockRecord {
  'sequence'?: (string);
  'reason'?: (string);
  'deviceTime'?: (string);
}

export interface LockRecord__Output {
  'sequence': (string);
  'reason': (string);
  'deviceTime': (string);
}
