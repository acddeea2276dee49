// Original file: proto/yunxi/ocr_verification/v1/ocr_verification.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetVerificationRequest as _yunxi_ocr_verification_v1_GetVerificationRequest, GetVerificationRequest__Output as _yunxi_ocr_verification_v1_GetVerificationRequest__Output } from '../../../yunxi/ocr_verification/v1/GetVerificationRequest.js';
import type { ListOpenVerificationsRequest as _yunxi_ocr_verification_v1_ListOpenVerificationsRequest, ListOpenVerificationsRequest__Output as _yunxi_ocr_verification_v1_ListOpenVerificationsRequest__Output } from '../../../yunxi/ocr_verification/v1/ListOpenVerificationsRequest.js';
import type { ListVerificationsRequest as _yunxi_ocr_verification_v1_ListVerificationsRequest, ListVerificationsRequest__Output as _yunxi_ocr_verification_v1_ListVerificationsRequest__Output } from '../../../yunxi/ocr_verification/v1/ListVerificationsRequest.js';
import type { ListVerificationsResponse as _yunxi_ocr_verification_v1_ListVerificationsResponse, ListVerificationsResponse__Output as _yunxi_ocr_verification_v1_ListVerificationsResponse__Output } from '../../../yunxi/ocr_verification/v1/ListVerificationsResponse.js';
import type { ReadImageRequest as _yunxi_ocr_verification_v1_ReadImageRequest, ReadImageRequest__Output as _yunxi_ocr_verification_v1_ReadImageRequest__Output } from '../../../yunxi/ocr_verification/v1/ReadImageRequest.js';
import type { ReadImageResponse as _yunxi_ocr_verification_v1_ReadImageResponse, ReadImageResponse__Output as _yunxi_ocr_verification_v1_ReadImageResponse__Output } from '../../../yunxi/ocr_verification/v1/ReadImageResponse.js';
import type { RegisterOriginalRequest as _yunxi_ocr_verification_v1_RegisterOriginalRequest, RegisterOriginalRequest__Output as _yunxi_ocr_verification_v1_RegisterOriginalRequest__Output } from '../../../yunxi/ocr_verification/v1/RegisterOriginalRequest.js';
import type { RegisterOriginalResponse as _yunxi_ocr_verification_v1_RegisterOriginalResponse, RegisterOriginalResponse__Output as _yunxi_ocr_verification_v1_RegisterOriginalResponse__Output } from '../../../yunxi/ocr_verification/v1/RegisterOriginalResponse.js';
import type { ReviewVerificationRequest as _yunxi_ocr_verification_v1_ReviewVerificationRequest, ReviewVerificationRequest__Output as _yunxi_ocr_verification_v1_ReviewVerificationRequest__Output } from '../../../yunxi/ocr_verification/v1/ReviewVerificationRequest.js';
import type { SetThresholdProfileRequest as _yunxi_ocr_verification_v1_SetThresholdProfileRequest, SetThresholdProfileRequest__Output as _yunxi_ocr_verification_v1_SetThresholdProfileRequest__Output } from '../../../yunxi/ocr_verification/v1/SetThresholdProfileRequest.js';
import type { ThresholdProfile as _yunxi_ocr_verification_v1_ThresholdProfile, ThresholdProfile__Output as _yunxi_ocr_verification_v1_ThresholdProfile__Output } from '../../../yunxi/ocr_verification/v1/ThresholdProfile.js';
import type { Verification as _yunxi_ocr_verification_v1_Verification, Verification__Output as _yunxi_ocr_verification_v1_Verification__Output } from '../../../yunxi/ocr_verification/v1/Verification.js';
import type { VerifyPhotoRequest as _yunxi_ocr_verification_v1_VerifyPhotoRequest, VerifyPhotoRequest__Output as _yunxi_ocr_verification_v1_VerifyPhotoRequest__Output } from '../../../yunxi/ocr_verification/v1/VerifyPhotoRequest.js';

export interface OcrVerificationServiceClient extends grpc.Client {
  GetVerification(argument: _yunxi_ocr_verification_v1_GetVerificationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_Verification__Output>): grpc.ClientUnaryCall;
  GetVerification(argument: _yunxi_ocr_verification_v1_GetVerificationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_Verification__Output>): grpc.ClientUnaryCall;
  GetVerification(argument: _yunxi_ocr_verification_v1_GetVerificationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_Verification__Output>): grpc.ClientUnaryCall;
  GetVerification(argument: _yunxi_ocr_verification_v1_GetVerificationRequest, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_Verification__Output>): grpc.ClientUnaryCall;
  getVerification(argument: _yunxi_ocr_verification_v1_GetVerificationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_Verification__Output>): grpc.ClientUnaryCall;
  getVerification(argument: _yunxi_ocr_verification_v1_GetVerificationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_Verification__Output>): grpc.ClientUnaryCall;
  getVerification(argument: _yunxi_ocr_verification_v1_GetVerificationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_Verification__Output>): grpc.ClientUnaryCall;
  getVerification(argument: _yunxi_ocr_verification_v1_GetVerificationRequest, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_Verification__Output>): grpc.ClientUnaryCall;
  
  ListOpenVerifications(argument: _yunxi_ocr_verification_v1_ListOpenVerificationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ListVerificationsResponse__Output>): grpc.ClientUnaryCall;
  ListOpenVerifications(argument: _yunxi_ocr_verification_v1_ListOpenVerificationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ListVerificationsResponse__Output>): grpc.ClientUnaryCall;
  ListOpenVerifications(argument: _yunxi_ocr_verification_v1_ListOpenVerificationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ListVerificationsResponse__Output>): grpc.ClientUnaryCall;
  ListOpenVerifications(argument: _yunxi_ocr_verification_v1_ListOpenVerificationsRequest, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ListVerificationsResponse__Output>): grpc.ClientUnaryCall;
  listOpenVerifications(argument: _yunxi_ocr_verification_v1_ListOpenVerificationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ListVerificationsResponse__Output>): grpc.ClientUnaryCall;
  listOpenVerifications(argument: _yunxi_ocr_verification_v1_ListOpenVerificationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ListVerificationsResponse__Output>): grpc.ClientUnaryCall;
  listOpenVerifications(argument: _yunxi_ocr_verification_v1_ListOpenVerificationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ListVerificationsResponse__Output>): grpc.ClientUnaryCall;
  listOpenVerifications(argument: _yunxi_ocr_verification_v1_ListOpenVerificationsRequest, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ListVerificationsResponse__Output>): grpc.ClientUnaryCall;
  
  ListVerifications(argument: _yunxi_ocr_verification_v1_ListVerificationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ListVerificationsResponse__Output>): grpc.ClientUnaryCall;
  ListVerifications(argument: _yunxi_ocr_verification_v1_ListVerificationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ListVerificationsResponse__Output>): grpc.ClientUnaryCall;
  ListVerifications(argument: _yunxi_ocr_verification_v1_ListVerificationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ListVerificationsResponse__Output>): grpc.ClientUnaryCall;
  ListVerifications(argument: _yunxi_ocr_verification_v1_ListVerificationsRequest, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ListVerificationsResponse__Output>): grpc.ClientUnaryCall;
  listVerifications(argument: _yunxi_ocr_verification_v1_ListVerificationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ListVerificationsResponse__Output>): grpc.ClientUnaryCall;
  listVerifications(argument: _yunxi_ocr_verification_v1_ListVerificationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ListVerificationsResponse__Output>): grpc.ClientUnaryCall;
  listVerifications(argument: _yunxi_ocr_verification_v1_ListVerificationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ListVerificationsResponse__Output>): grpc.ClientUnaryCall;
  listVerifications(argument: _yunxi_ocr_verification_v1_ListVerificationsRequest, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ListVerificationsResponse__Output>): grpc.ClientUnaryCall;
  
  ReadImage(argument: _yunxi_ocr_verification_v1_ReadImageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ReadImageResponse__Output>): grpc.ClientUnaryCall;
  ReadImage(argument: _yunxi_ocr_verification_v1_ReadImageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ReadImageResponse__Output>): grpc.ClientUnaryCall;
  ReadImage(argument: _yunxi_ocr_verification_v1_ReadImageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ReadImageResponse__Output>): grpc.ClientUnaryCall;
  ReadImage(argument: _yunxi_ocr_verification_v1_ReadImageRequest, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ReadImageResponse__Output>): grpc.ClientUnaryCall;
  readImage(argument: _yunxi_ocr_verification_v1_ReadImageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ReadImageResponse__Output>): grpc.ClientUnaryCall;
  readImage(argument: _yunxi_ocr_verification_v1_ReadImageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ReadImageResponse__Output>): grpc.ClientUnaryCall;
  readImage(argument: _yunxi_ocr_verification_v1_ReadImageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ReadImageResponse__Output>): grpc.ClientUnaryCall;
  readImage(argument: _yunxi_ocr_verification_v1_ReadImageRequest, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ReadImageResponse__Output>): grpc.ClientUnaryCall;
  
  RegisterOriginal(argument: _yunxi_ocr_verification_v1_RegisterOriginalRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_RegisterOriginalResponse__Output>): grpc.ClientUnaryCall;
  RegisterOriginal(argument: _yunxi_ocr_verification_v1_RegisterOriginalRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_RegisterOriginalResponse__Output>): grpc.ClientUnaryCall;
  RegisterOriginal(argument: _yunxi_ocr_verification_v1_RegisterOriginalRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_RegisterOriginalResponse__Output>): grpc.ClientUnaryCall;
  RegisterOriginal(argument: _yunxi_ocr_verification_v1_RegisterOriginalRequest, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_RegisterOriginalResponse__Output>): grpc.ClientUnaryCall;
  registerOriginal(argument: _yunxi_ocr_verification_v1_RegisterOriginalRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_RegisterOriginalResponse__Output>): grpc.ClientUnaryCall;
  registerOriginal(argument: _yunxi_ocr_verification_v1_RegisterOriginalRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_RegisterOriginalResponse__Output>): grpc.ClientUnaryCall;
  registerOriginal(argument: _yunxi_ocr_verification_v1_RegisterOriginalRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_RegisterOriginalResponse__Output>): grpc.ClientUnaryCall;
  registerOriginal(argument: _yunxi_ocr_verification_v1_RegisterOriginalRequest, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_RegisterOriginalResponse__Output>): grpc.ClientUnaryCall;
  
  ReviewVerification(argument: _yunxi_ocr_verification_v1_ReviewVerificationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_Verification__Output>): grpc.ClientUnaryCall;
  ReviewVerification(argument: _yunxi_ocr_verification_v1_ReviewVerificationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_Verification__Output>): grpc.ClientUnaryCall;
  ReviewVerification(argument: _yunxi_ocr_verification_v1_ReviewVerificationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_Verification__Output>): grpc.ClientUnaryCall;
  ReviewVerification(argument: _yunxi_ocr_verification_v1_ReviewVerificationRequest, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_Verification__Output>): grpc.ClientUnaryCall;
  reviewVerification(argument: _yunxi_ocr_verification_v1_ReviewVerificationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_Verification__Output>): grpc.ClientUnaryCall;
  reviewVerification(argument: _yunxi_ocr_verification_v1_ReviewVerificationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_Verification__Output>): grpc.ClientUnaryCall;
  reviewVerification(argument: _yunxi_ocr_verification_v1_ReviewVerificationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_Verification__Output>): grpc.ClientUnaryCall;
  reviewVerification(argument: _yunxi_ocr_verification_v1_ReviewVerificationRequest, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_Verification__Output>): grpc.ClientUnaryCall;
  
  SetThresholdProfile(argument: _yunxi_ocr_verification_v1_SetThresholdProfileRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ThresholdProfile__Output>): grpc.ClientUnaryCall;
  SetThresholdProfile(argument: _yunxi_ocr_verification_v1_SetThresholdProfileRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ThresholdProfile__Output>): grpc.ClientUnaryCall;
  SetThresholdProfile(argument: _yunxi_ocr_verification_v1_SetThresholdProfileRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ThresholdProfile__Output>): grpc.ClientUnaryCall;
  SetThresholdProfile(argument: _yunxi_ocr_verification_v1_SetThresholdProfileRequest, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ThresholdProfile__Output>): grpc.ClientUnaryCall;
  setThresholdProfile(argument: _yunxi_ocr_verification_v1_SetThresholdProfileRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ThresholdProfile__Output>): grpc.ClientUnaryCall;
  setThresholdProfile(argument: _yunxi_ocr_verification_v1_SetThresholdProfileRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ThresholdProfile__Output>): grpc.ClientUnaryCall;
  setThresholdProfile(argument: _yunxi_ocr_verification_v1_SetThresholdProfileRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ThresholdProfile__Output>): grpc.ClientUnaryCall;
  setThresholdProfile(argument: _yunxi_ocr_verification_v1_SetThresholdProfileRequest, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_ThresholdProfile__Output>): grpc.ClientUnaryCall;
  
  VerifyPhoto(argument: _yunxi_ocr_verification_v1_VerifyPhotoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_Verification__Output>): grpc.ClientUnaryCall;
  VerifyPhoto(argument: _yunxi_ocr_verification_v1_VerifyPhotoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_Verification__Output>): grpc.ClientUnaryCall;
  VerifyPhoto(argument: _yunxi_ocr_verification_v1_VerifyPhotoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_Verification__Output>): grpc.ClientUnaryCall;
  VerifyPhoto(argument: _yunxi_ocr_verification_v1_VerifyPhotoRequest, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_Verification__Output>): grpc.ClientUnaryCall;
  verifyPhoto(argument: _yunxi_ocr_verification_v1_VerifyPhotoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_Verification__Output>): grpc.ClientUnaryCall;
  verifyPhoto(argument: _yunxi_ocr_verification_v1_VerifyPhotoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_Verification__Output>): grpc.ClientUnaryCall;
  verifyPhoto(argument: _yunxi_ocr_verification_v1_VerifyPhotoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_Verification__Output>): grpc.ClientUnaryCall;
  verifyPhoto(argument: _yunxi_ocr_verification_v1_VerifyPhotoRequest, callback: grpc.requestCallback<_yunxi_ocr_verification_v1_Verification__Output>): grpc.ClientUnaryCall;
  
}

export interface OcrVerificationServiceHandlers extends grpc.UntypedServiceImplementation {
  GetVerification: grpc.handleUnaryCall<_yunxi_ocr_verification_v1_GetVerificationRequest__Output, _yunxi_ocr_verification_v1_Verification>;
  
  ListOpenVerifications: grpc.handleUnaryCall<_yunxi_ocr_verification_v1_ListOpenVerificationsRequest__Output, _yunxi_ocr_verification_v1_ListVerificationsResponse>;
  
  ListVerifications: grpc.handleUnaryCall<_yunxi_ocr_verification_v1_ListVerificationsRequest__Output, _yunxi_ocr_verification_v1_ListVerificationsResponse>;
  
  ReadImage: grpc.handleUnaryCall<_yunxi_ocr_verification_v1_ReadImageRequest__Output, _yunxi_ocr_verification_v1_ReadImageResponse>;
  
  RegisterOriginal: grpc.handleUnaryCall<_yunxi_ocr_verification_v1_RegisterOriginalRequest__Output, _yunxi_ocr_verification_v1_RegisterOriginalResponse>;
  
  ReviewVerification: grpc.handleUnaryCall<_yunxi_ocr_verification_v1_ReviewVerificationRequest__Output, _yunxi_ocr_verification_v1_Verification>;
  
  SetThresholdProfile: grpc.handleUnaryCall<_yunxi_ocr_verification_v1_SetThresholdProfileRequest__Output, _yunxi_ocr_verification_v1_ThresholdProfile>;
  
  VerifyPhoto: grpc.handleUnaryCall<_yunxi_ocr_verification_v1_VerifyPhotoRequest__Output, _yunxi_ocr_verification_v1_Verification>;
  
}

export interface OcrVerificationServiceDefinition extends grpc.ServiceDefinition {
  GetVerification: MethodDefinition<_yunxi_ocr_verification_v1_GetVerificationRequest, _yunxi_ocr_verification_v1_Verification, _yunxi_ocr_verification_v1_GetVerificationRequest__Output, _yunxi_ocr_verification_v1_Verification__Output>
  ListOpenVerifications: MethodDefinition<_yunxi_ocr_verification_v1_ListOpenVerificationsRequest, _yunxi_ocr_verification_v1_ListVerificationsResponse, _yunxi_ocr_verification_v1_ListOpenVerificationsRequest__Output, _yunxi_ocr_verification_v1_ListVerificationsResponse__Output>
  ListVerifications: MethodDefinition<_yunxi_ocr_verification_v1_ListVerificationsRequest, _yunxi_ocr_verification_v1_ListVerificationsResponse, _yunxi_ocr_verification_v1_ListVerificationsRequest__Output, _yunxi_ocr_verification_v1_ListVerificationsResponse__Output>
  ReadImage: MethodDefinition<_yunxi_ocr_verification_v1_ReadImageRequest, _yunxi_ocr_verification_v1_ReadImageResponse, _yunxi_ocr_verification_v1_ReadImageRequest__Output, _yunxi_ocr_verification_v1_ReadImageResponse__Output>
  RegisterOriginal: MethodDefinition<_yunxi_ocr_verification_v1_RegisterOriginalRequest, _yunxi_ocr_verification_v1_RegisterOriginalResponse, _yunxi_ocr_verification_v1_RegisterOriginalRequest__Output, _yunxi_ocr_verification_v1_RegisterOriginalResponse__Output>
  ReviewVerification: MethodDefinition<_yunxi_ocr_verification_v1_ReviewVerificationRequest, _yunxi_ocr_verification_v1_Verification, _yunxi_ocr_verification_v1_ReviewVerificationRequest__Output, _yunxi_ocr_verification_v1_Verification__Output>
  SetThresholdProfile: MethodDefinition<_yunxi_ocr_verification_v1_SetThresholdProfileRequest, _yunxi_ocr_verification_v1_ThresholdProfile, _yunxi_ocr_verification_v1_SetThresholdProfileRequest__Output, _yunxi_ocr_verification_v1_ThresholdProfile__Output>
  VerifyPhoto: MethodDefinition<_yunxi_ocr_verification_v1_VerifyPhotoRequest, _yunxi_ocr_verification_v1_Verification, _yunxi_ocr_verification_v1_VerifyPhotoRequest__Output, _yunxi_ocr_verification_v1_Verification__Output>
}
