// Original file: proto/yunxi/approval/v1/approval.proto


export interface BindSealDeviceRequest {
  'sealId'?: (string);
  'deviceId'?: (string);
}

export interface BindSealDeviceRequest__Output {
  'sealId': (string);
  'deviceId': (string);
}
