// Original file: proto/yunxi/approval/v1/approval.proto


export interface PhysicalSeal {
  'sealType'?: (string);
  'sizeMm'?: (number);
  'material'?: (string);
  'deviceId'?: (string);
}

export interface PhysicalSeal__Output {
  'sealType': (string);
  'sizeMm': (number);
  'material': (string);
  'deviceId': (string);
}
