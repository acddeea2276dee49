// Original file: proto/yunxi/ocr_verification/v1/ocr_verification.proto

import type { Verdict as _yunxi_ocr_verification_v1_Verdict, Verdict__Output as _yunxi_ocr_verification_v1_Verdict__Output } from '../../../yunxi/ocr_verification/v1/Verdict.js';

export interface Review {
  'reviewerId'?: (string);
  'decision'?: (string);
  'verdict'?: (_yunxi_ocr_verification_v1_Verdict);
  'note'?: (string);
  'at'?: (string);
}

export interface Review__Output {
  'reviewerId': (string);
  'decision': (string);
  'verdict': (_yunxi_ocr_verification_v1_Verdict__Output);
  'note': (string);
  'at': (string);
}
