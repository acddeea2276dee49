// Original file: proto/yunxi/device_control/v1/device_control.proto


export interface ListDeviceRecordsRequest {
  'deviceId'?: (string);
}

export interface ListDeviceRecordsRequest__Output {
  'deviceId': (string);
}
