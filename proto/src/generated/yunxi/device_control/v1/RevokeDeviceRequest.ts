// Original file: proto/yunxi/device_control/v1/device_control.proto


export interface RevokeDeviceRequest {
  'deviceId'?: (string);
}

export interface RevokeDeviceRequest__Output {
  'deviceId': (string);
}
