// Original file: proto/yunxi/device/v1/device.proto

export const LockReason = {
  LOCK_REASON_UNSPECIFIED: 'LOCK_REASON_UNSPECIFIED',
  LOCK_REASON_COUNT_USED_UP: 'LOCK_REASON_COUNT_USED_UP',
  LOCK_REASON_REMOTE: 'LOCK_REASON_REMOTE',
  LOCK_REASON_TIMEOUT: 'LOCK_REASON_TIMEOUT',
} as const;

export type LockReason =
  | 'LOCK_REASON_UNSPECIFIED'
  | 0
  | 'LOCK_REASON_COUNT_USED_UP'
  | 1
  | 'LOCK_REASON_REMOTE'
  | 2
  | 'LOCK_REASON_TIMEOUT'
  | 3

export type LockReason__Output = typeof LockReason[keyof typeof LockReason]
