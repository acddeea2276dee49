// Original file: proto/yunxi/device_control/v1/device_control.proto


export interface AcknowledgeAlarmRequest {
  'alarmId'?: (string);
  'note'?: (string);
}

export interface AcknowledgeAlarmRequest__Output {
  'alarmId': (string);
  'note': (string);
}
