// Original file: proto/yunxi/device_control/v1/device_control.proto


export interface AlarmAcknowledgement {
  'by'?: (string);
  'at'?: (string);
  'note'?: (string);
}

export interface AlarmAcknowledgement__Output {
  'by': (string);
  'at': (string);
  'note': (string);
}
