// Original file: proto/yunxi/device_control/v1/device_control.proto


export interface ListAlarmsRequest {
  'state'?: (string);
  'limit'?: (number);
  'before'?: (string);
}

export interface ListAlarmsRequest__Output {
  'state': (string);
  'limit': (number);
  'before': (string);
}
