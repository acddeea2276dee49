// Original file: proto/yunxi/key_management/v1/key_management.proto

export const Suite = {
  SUITE_UNSPECIFIED: 'SUITE_UNSPECIFIED',
  SUITE_AES_256_GCM: 'SUITE_AES_256_GCM',
  SUITE_SM4_CTR_HMAC_SM3: 'SUITE_SM4_CTR_HMAC_SM3',
} as const;

export type Suite =
  | 'SUITE_UNSPECIFIED'
  | 0
  | 'SUITE_AES_256_GCM'
  | 1
  | 'SUITE_SM4_CTR_HMAC_SM3'
  | 2

export type Suite__Output = typeof Suite[keyof typeof Suite]
