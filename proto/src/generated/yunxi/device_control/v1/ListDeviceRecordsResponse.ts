// Original file: proto/yunxi/device_control/v1/device_control.proto

import type { StampRecord as _yunxi_device_control_v1_StampRecord, StampRecord__Output as _yunxi_device_control_v1_StampRecord__Output } from '../../../yunxi/device_control/v1/StampRecord.js';
import type { AlarmRecord as _yunxi_device_control_v1_AlarmRecord, AlarmRecord__Output as _yunxi_device_control_v1_AlarmRecord__Output } from '../../../yunxi/device_control/v1/AlarmRecord.js';
import type { LockRecord as _yunxi_device_control_v1_LockRecord, LockRecord__Output as _yunxi_device_control_v1_LockRecord__Output } from '../../../yunxi/device_control/v1/LockRecord.js';
import type { SequenceGap as _yunxi_device_control_v1_SequenceGap, SequenceGap__Output as _yunxi_device_control_v1_SequenceGap__Output } from '../../../yunxi/device_control/v1/SequenceGap.js';

export interface ListDeviceRecordsResponse {
  'impressions'?: (_yunxi_device_control_v1_StampRecord)[];
  'alarms'?: (_yunxi_device_control_v1_AlarmRecord)[];
  'locks'?: (_yunxi_device_control_v1_LockRecord)[];
  'gaps'?: (_yunxi_device_control_v1_SequenceGap)[];
}

export interface ListDeviceRecordsResponse__Output {
  'impressions': (_yunxi_device_control_v1_StampRecord__Output)[];
  'alarms': (_yunxi_device_control_v1_AlarmRecord__Output)[];
  'locks': (_yunxi_device_control_v1_LockRecord__Output)[];
  'gaps': (_yunxi_device_control_v1_SequenceGap__Output)[];
}
