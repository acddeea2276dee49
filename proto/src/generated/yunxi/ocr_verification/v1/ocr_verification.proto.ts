import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ClauseScore as _yunxi_ocr_verification_v1_ClauseScore, ClauseScore__Output as _yunxi_ocr_verification_v1_ClauseScore__Output } from './ClauseScore.js';
import type { DigitMismatch as _yunxi_ocr_verification_v1_DigitMismatch, DigitMismatch__Output as _yunxi_ocr_verification_v1_DigitMismatch__Output } from './DigitMismatch.js';
import type { GetVerificationRequest as _yunxi_ocr_verification_v1_GetVerificationRequest, GetVerificationRequest__Output as _yunxi_ocr_verification_v1_GetVerificationRequest__Output } from './GetVerificationRequest.js';
import type { ListOpenVerificationsRequest as _yunxi_ocr_verification_v1_ListOpenVerificationsRequest, ListOpenVerificationsRequest__Output as _yunxi_ocr_verification_v1_ListOpenVerificationsRequest__Output } from './ListOpenVerificationsRequest.js';
import type { ListVerificationsRequest as _yunxi_ocr_verification_v1_ListVerificationsRequest, ListVerificationsRequest__Output as _yunxi_ocr_verification_v1_ListVerificationsRequest__Output } from './ListVerificationsRequest.js';
import type { ListVerificationsResponse as _yunxi_ocr_verification_v1_ListVerificationsResponse, ListVerificationsResponse__Output as _yunxi_ocr_verification_v1_ListVerificationsResponse__Output } from './ListVerificationsResponse.js';
import type { OcrVerificationServiceClient as _yunxi_ocr_verification_v1_OcrVerificationServiceClient, OcrVerificationServiceDefinition as _yunxi_ocr_verification_v1_OcrVerificationServiceDefinition } from './OcrVerificationService.js';
import type { OriginalPage as _yunxi_ocr_verification_v1_OriginalPage, OriginalPage__Output as _yunxi_ocr_verification_v1_OriginalPage__Output } from './OriginalPage.js';
import type { ReadImageRequest as _yunxi_ocr_verification_v1_ReadImageRequest, ReadImageRequest__Output as _yunxi_ocr_verification_v1_ReadImageRequest__Output } from './ReadImageRequest.js';
import type { ReadImageResponse as _yunxi_ocr_verification_v1_ReadImageResponse, ReadImageResponse__Output as _yunxi_ocr_verification_v1_ReadImageResponse__Output } from './ReadImageResponse.js';
import type { RegisterOriginalRequest as _yunxi_ocr_verification_v1_RegisterOriginalRequest, RegisterOriginalRequest__Output as _yunxi_ocr_verification_v1_RegisterOriginalRequest__Output } from './RegisterOriginalRequest.js';
import type { RegisterOriginalResponse as _yunxi_ocr_verification_v1_RegisterOriginalResponse, RegisterOriginalResponse__Output as _yunxi_ocr_verification_v1_RegisterOriginalResponse__Output } from './RegisterOriginalResponse.js';
import type { Review as _yunxi_ocr_verification_v1_Review, Review__Output as _yunxi_ocr_verification_v1_Review__Output } from './Review.js';
import type { ReviewVerificationRequest as _yunxi_ocr_verification_v1_ReviewVerificationRequest, ReviewVerificationRequest__Output as _yunxi_ocr_verification_v1_ReviewVerificationRequest__Output } from './ReviewVerificationRequest.js';
import type { SetThresholdProfileRequest as _yunxi_ocr_verification_v1_SetThresholdProfileRequest, SetThresholdProfileRequest__Output as _yunxi_ocr_verification_v1_SetThresholdProfileRequest__Output } from './SetThresholdProfileRequest.js';
import type { ThresholdProfile as _yunxi_ocr_verification_v1_ThresholdProfile, ThresholdProfile__Output as _yunxi_ocr_verification_v1_ThresholdProfile__Output } from './ThresholdProfile.js';
import type { Verification as _yunxi_ocr_verification_v1_Verification, Verification__Output as _yunxi_ocr_verification_v1_Verification__Output } from './Verification.js';
import type { VerifyPhotoRequest as _yunxi_ocr_verification_v1_VerifyPhotoRequest, VerifyPhotoRequest__Output as _yunxi_ocr_verification_v1_VerifyPhotoRequest__Output } from './VerifyPhotoRequest.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  yunxi: {
    ocr_verification: {
      v1: {
        ClauseScore: MessageTypeDefinition<_yunxi_ocr_verification_v1_ClauseScore, _yunxi_ocr_verification_v1_ClauseScore__Output>
        DigitMismatch: MessageTypeDefinition<_yunxi_ocr_verification_v1_DigitMismatch, _yunxi_ocr_verification_v1_DigitMismatch__Output>
        GetVerificationRequest: MessageTypeDefinition<_yunxi_ocr_verification_v1_GetVerificationRequest, _yunxi_ocr_verification_v1_GetVerificationRequest__Output>
        ListOpenVerificationsRequest: MessageTypeDefinition<_yunxi_ocr_verification_v1_ListOpenVerificationsRequest, _yunxi_ocr_verification_v1_ListOpenVerificationsRequest__Output>
        ListVerificationsRequest: MessageTypeDefinition<_yunxi_ocr_verification_v1_ListVerificationsRequest, _yunxi_ocr_verification_v1_ListVerificationsRequest__Output>
        ListVerificationsResponse: MessageTypeDefinition<_yunxi_ocr_verification_v1_ListVerificationsResponse, _yunxi_ocr_verification_v1_ListVerificationsResponse__Output>
        OcrVerificationService: SubtypeConstructor<typeof grpc.Client, _yunxi_ocr_verification_v1_OcrVerificationServiceClient> & { service: _yunxi_ocr_verification_v1_OcrVerificationServiceDefinition }
        OriginalPage: MessageTypeDefinition<_yunxi_ocr_verification_v1_OriginalPage, _yunxi_ocr_verification_v1_OriginalPage__Output>
        ReadImageRequest: MessageTypeDefinition<_yunxi_ocr_verification_v1_ReadImageRequest, _yunxi_ocr_verification_v1_ReadImageRequest__Output>
        ReadImageResponse: MessageTypeDefinition<_yunxi_ocr_verification_v1_ReadImageResponse, _yunxi_ocr_verification_v1_ReadImageResponse__Output>
        RegisterOriginalRequest: MessageTypeDefinition<_yunxi_ocr_verification_v1_RegisterOriginalRequest, _yunxi_ocr_verification_v1_RegisterOriginalRequest__Output>
        RegisterOriginalResponse: MessageTypeDefinition<_yunxi_ocr_verification_v1_RegisterOriginalResponse, _yunxi_ocr_verification_v1_RegisterOriginalResponse__Output>
        Review: MessageTypeDefinition<_yunxi_ocr_verification_v1_Review, _yunxi_ocr_verification_v1_Review__Output>
        ReviewVerificationRequest: MessageTypeDefinition<_yunxi_ocr_verification_v1_ReviewVerificationRequest, _yunxi_ocr_verification_v1_ReviewVerificationRequest__Output>
        SetThresholdProfileRequest: MessageTypeDefinition<_yunxi_ocr_verification_v1_SetThresholdProfileRequest, _yunxi_ocr_verification_v1_SetThresholdProfileRequest__Output>
        ThresholdProfile: MessageTypeDefinition<_yunxi_ocr_verification_v1_ThresholdProfile, _yunxi_ocr_verification_v1_ThresholdProfile__Output>
        Verdict: EnumTypeDefinition
        Verification: MessageTypeDefinition<_yunxi_ocr_verification_v1_Verification, _yunxi_ocr_verification_v1_Verification__Output>
        VerifyPhotoRequest: MessageTypeDefinition<_yunxi_ocr_verification_v1_VerifyPhotoRequest, _yunxi_ocr_verification_v1_VerifyPhotoRequest__Output>
      }
    }
  }
}

