// Original file: proto/yunxi/device_control/v1/device_control.proto


export interface Device {
  'id'?: (string);
  'organisationId'?: (string);
  'serial'?: (string);
  'model'?: (string);
  'status'?: (string);
  'locked'?: (boolean);
  'lastSequence'?: (string);
  'createdAt'?: (string);
  'lastSeenAt'?: (string);
}

export interface Device__Output {
  'id': (string);
  'organisationId': (string);
  'serial': (string);
  'model': (string);
  'status': (string);
  'locked': (boolean);
  'lastSequence': (string);
  'createdAt': (string);
  'lastSeenAt': (string);
}
