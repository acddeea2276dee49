// Original file: proto/yunxi/key_management/v1/key_management.proto

export const SecurityLevel = {
  SECURITY_LEVEL_UNSPECIFIED: 'SECURITY_LEVEL_UNSPECIFIED',
  SECURITY_LEVEL_QKD: 'SECURITY_LEVEL_QKD',
  SECURITY_LEVEL_QKD_PQC: 'SECURITY_LEVEL_QKD_PQC',
  SECURITY_LEVEL_PQC: 'SECURITY_LEVEL_PQC',
} as const;

export type SecurityLevel =
  | 'SECURITY_LEVEL_UNSPECIFIED'
  | 0
  | 'SECURITY_LEVEL_QKD'
  | 1
  | 'SECURITY_LEVEL_QKD_PQC'
  | 2
  | 'SECURITY_LEVEL_PQC'
  | 3

export type SecurityLevel__Output = typeof SecurityLevel[keyof typeof SecurityLevel]
