// Original file: proto/yunxi/device_control/v1/device_control.proto


export interface AlarmRecord {
  'sequence'?: (string);
  'kind'?: (string);
  'detail'?: (string);
  'deviceTime'?: (string);
}

export interface AlarmRecord__Output {
  'sequence': (string);
  'kind': (string);
  'detail': (string);
  'deviceTime': (string);
}
