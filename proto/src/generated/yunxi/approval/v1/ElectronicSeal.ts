// Original file: proto/yunxi/approval/v1/approval.proto


export interface ElectronicSeal {
  'imageObjectKey'?: (string);
  'certificateRef'?: (string);
}

export interface ElectronicSeal__Output {
  'imageObjectKey': (string);
  'certificateRef': (string);
}
