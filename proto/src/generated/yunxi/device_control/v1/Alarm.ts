// Original file: proto/yunxi/device_control/v1/device_control.proto

import type { AlarmAcknowledgement as _yunxi_device_control_v1_AlarmAcknowledgement, AlarmAcknowledgement__Output as _yunxi_device_control_v1_AlarmAcknowledgement__Output } from '../../../yunxi/device_control/v1/AlarmAcknowledgement.js';

export interface Alarm {
  'id'?: (string);
  'deviceId'?: (string);
  'kind'?: (string);
  'detail'?: (string);
  'sequence'?: (string);
  'deviceTime'?: (string);
  'raisedAt'?: (string);
  'acknowledged'?: (_yunxi_device_control_v1_AlarmAcknowledgement | null);
}

export interface Alarm__Output {
  'id': (string);
  'deviceId': (string);
  'kind': (string);
  'detail': (string);
  'sequence': (string);
  'deviceTime': (string);
  'raisedAt': (string);
  'acknowledged': (_yunxi_device_control_v1_AlarmAcknowledgement__Output | null);
}
