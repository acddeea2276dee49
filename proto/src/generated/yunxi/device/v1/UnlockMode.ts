// Original file: proto/yunxi/device/v1/device.proto

export const UnlockMode = {
  UNLOCK_MODE_UNSPECIFIED: 'UNLOCK_MODE_UNSPECIFIED',
  UNLOCK_MODE_REMOTE: 'UNLOCK_MODE_REMOTE',
  UNLOCK_MODE_FINGERPRINT: 'UNLOCK_MODE_FINGERPRINT',
  UNLOCK_MODE_PASSWORD: 'UNLOCK_MODE_PASSWORD',
} as const;

export type UnlockMode =
  | 'UNLOCK_MODE_UNSPECIFIED'
  | 0
  | 'UNLOCK_MODE_REMOTE'
  | 1
  | 'UNLOCK_MODE_FINGERPRINT'
  | 2
  | 'UNLOCK_MODE_PASSWORD'
  | 3

export type UnlockMode__Output = typeof UnlockMode[keyof typeof UnlockMode]
