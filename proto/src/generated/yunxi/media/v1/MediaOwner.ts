// Original file: proto/yunxi/media/v1/media.proto


export interface MediaOwner {
  'deviceId'?: (string);
  'userId'?: (string);
  'owner'?: "deviceId"|"userId";
}

export interface MediaOwner__Output {
  'deviceId'?: (string);
  'userId'?: (string);
  'owner'?: "deviceId"|"userId";
}
