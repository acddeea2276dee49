// Original file: proto/yunxi/device_control/v1/device_control.proto


export interface GetDeviceRequest {
  'deviceId'?: (string);
}

export interface GetDeviceRequest__Output {
  'deviceId': (string);
}
