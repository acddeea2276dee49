// Original file: proto/yunxi/ocr_verification/v1/ocr_verification.proto

import type { Verdict as _yunxi_ocr_verification_v1_Verdict, Verdict__Output as _yunxi_ocr_verification_v1_Verdict__Output } from '../../../yunxi/ocr_verification/v1/Verdict.js';
import type { ClauseScore as _yunxi_ocr_verification_v1_ClauseScore, ClauseScore__Output as _yunxi_ocr_verification_v1_ClauseScore__Output } from '../../../yunxi/ocr_verification/v1/ClauseScore.js';
import type { DigitMismatch as _yunxi_ocr_verification_v1_DigitMismatch, DigitMismatch__Output as _yunxi_ocr_verification_v1_DigitMismatch__Output } from '../../../yunxi/ocr_verification/v1/DigitMismatch.js';
import type { Review as _yunxi_ocr_verification_v1_Review, Review__Output as _yunxi_ocr_verification_v1_Review__Output } from '../../../yunxi/ocr_verification/v1/Review.js';
import type { Long } from '@grpc/proto-loader';

export interface Verification {
  'verificationId'?: (string);
  'applicationId'?: (string);
  'impressionId'?: (string);
  'verdict'?: (_yunxi_ocr_verification_v1_Verdict);
  'finalVerdict'?: (_yunxi_ocr_verification_v1_Verdict);
  'similarity'?: (number | string);
  'page'?: (number);
  'worstClause'?: (_yunxi_ocr_verification_v1_ClauseScore | null);
  'changedClauses'?: (_yunxi_ocr_verification_v1_ClauseScore)[];
  'digitMismatches'?: (_yunxi_ocr_verification_v1_DigitMismatch)[];
  'reasons'?: (string)[];
  'engine'?: (string);
  'thresholdProfile'?: (string);
  'seconds'?: (number | string);
  'createdAt'?: (string);
  'reviews'?: (_yunxi_ocr_verification_v1_Review)[];
  'mediaId'?: (string);
  'deviceId'?: (string);
  'impressionSequence'?: (number | string | Long);
}

export interface Verification__Output {
  'verificationId': (string);
  'applicationId': (string);
  'impressionId': (string);
  'verdict': (_yunxi_ocr_verification_v1_Verdict__Output);
  'finalVerdict': (_yunxi_ocr_verification_v1_Verdict__Output);
  'similarity': (number);
  'page': (number);
  'worstClause': (_yunxi_ocr_verification_v1_ClauseScore__Output | null);
  'changedClauses': (_yunxi_ocr_verification_v1_ClauseScore__Output)[];
  'digitMismatches': (_yunxi_ocr_verification_v1_DigitMismatch__Output)[];
  'reasons': (string)[];
  'engine': (string);
  'thresholdProfile': (string);
  'seconds': (number);
  'createdAt': (string);
  'reviews': (_yunxi_ocr_verification_v1_Review__Output)[];
  'mediaId': (string);
  'deviceId': (string);
  'impressionSequence': (string);
}
