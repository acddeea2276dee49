// Original file: proto/yunxi/ocr_verification/v1/ocr_verification.proto

import type { OriginalPage as _yunxi_ocr_verification_v1_OriginalPage, OriginalPage__Output as _yunxi_ocr_verification_v1_OriginalPage__Output } from '../../../yunxi/ocr_verification/v1/OriginalPage.js';

export interface RegisterOriginalRequest {
  'applicationId'?: (string);
  'pages'?: (_yunxi_ocr_verification_v1_OriginalPage)[];
}

export interface RegisterOriginalRequest__Output {
  'applicationId': (string);
  'pages': (_yunxi_ocr_verification_v1_OriginalPage__Output)[];
}
