// Original file: proto/yunxi/ocr_verification/v1/ocr_verification.proto

export const Verdict = {
  VERDICT_UNSPECIFIED: 'VERDICT_UNSPECIFIED',
  VERDICT_MATCH: 'VERDICT_MATCH',
  VERDICT_MISMATCH: 'VERDICT_MISMATCH',
  VERDICT_BLANK: 'VERDICT_BLANK',
  VERDICT_UNKNOWN_PAGE: 'VERDICT_UNKNOWN_PAGE',
  VERDICT_REVIEW: 'VERDICT_REVIEW',
} as const;

export type Verdict =
  | 'VERDICT_UNSPECIFIED'
  | 0
  | 'VERDICT_MATCH'
  | 1
  | 'VERDICT_MISMATCH'
  | 2
  | 'VERDICT_BLANK'
  | 3
  | 'VERDICT_UNKNOWN_PAGE'
  | 4
  | 'VERDICT_REVIEW'
  | 5

export type Verdict__Output = typeof Verdict[keyof typeof Verdict]
