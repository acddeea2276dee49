// Original file: proto/yunxi/device_control/v1/device_control.proto


export interface CreateDeviceRequest {
  'serial'?: (string);
  'model'?: (string);
}

export interface CreateDeviceRequest__Output {
  'serial': (string);
  'model': (string);
}
