// Original file: proto/yunxi/ocr_verification/v1/ocr_verification.proto

import type { Verification as _yunxi_ocr_verification_v1_Verification, Verification__Output as _yunxi_ocr_verification_v1_Verification__Output } from '../../../yunxi/ocr_verification/v1/Verification.js';

export interface ListVerificationsResponse {
  'verifications'?: (_yunxi_ocr_verification_v1_Verification)[];
}

export interface ListVerificationsResponse__Output {
  'verifications': (_yunxi_ocr_verification_v1_Verification__Output)[];
}
