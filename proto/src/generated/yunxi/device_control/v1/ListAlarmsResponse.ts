// Original file: proto/yunxi/device_control/v1/device_control.proto

import type { Alarm as _yunxi_device_control_v1_Alarm, Alarm__Output as _yunxi_device_control_v1_Alarm__Output } from '../../../yunxi/device_control/v1/Alarm.js';

export interface ListAlarmsResponse {
  'alarms'?: (_yunxi_device_control_v1_Alarm)[];
  'nextBefore'?: (string);
}

export interface ListAlarmsResponse__Output {
  'alarms': (_yunxi_device_control_v1_Alarm__Output)[];
  'nextBefore': (string);
}
