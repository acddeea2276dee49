// Original file: /work/main/proto/yunxi/device/v1/device.proto

export const AlarmKind = {
  ALARM_KIND_UNSPECIFIED: 'ALARM_KIND_UNSPECIFIED',
  ALARM_KIND_TAMPER: 'ALARM_KIND_TAMPER',
  ALARM_KIND_PRESS_TIMEOUT: 'ALARM_KIND_PRESS_TIMEOUT',
  ALARM_KIND_UNAUTHORISED_ATTEMPT: 'ALARM_KIND_UNAUTHORISED_ATTEMPT',
  ALARM_KIND_LOW_BATTERY: 'ALARM_KIND_LOW_BATTERY',
} as const;

export type AlarmKind =
  | 'ALARM_KIND_UNSPECIFIED'
  | 0
  | 'ALARM_KIND_TAMPER'
  | 1
  | 'ALARM_KIND_PRESS_TIMEOUT'
  | 2
  | 'ALARM_KIND_UNAUTHORISED_ATTEMPT'
  | 3
  | 'ALARM_KIND_LOW_BATTERY'
  | 4

export type AlarmKind__Output = typeof AlarmKind[keyof typeof AlarmKind]
