import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { PhotoVerified as _yunxi_ocr_verification_v1_PhotoVerified, PhotoVerified__Output as _yunxi_ocr_verification_v1_PhotoVerified__Output } from './PhotoVerified.js';
import type { VerdictReviewed as _yunxi_ocr_verification_v1_VerdictReviewed, VerdictReviewed__Output as _yunxi_ocr_verification_v1_VerdictReviewed__Output } from './VerdictReviewed.js';
import type { VerificationAlarm as _yunxi_ocr_verification_v1_VerificationAlarm, VerificationAlarm__Output as _yunxi_ocr_verification_v1_VerificationAlarm__Output } from './VerificationAlarm.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  yunxi: {
    ocr_verification: {
      v1: {
        PhotoVerified: MessageTypeDefinition<_yunxi_ocr_verification_v1_PhotoVerified, _yunxi_ocr_verification_v1_PhotoVerified__Output>
        VerdictReviewed: MessageTypeDefinition<_yunxi_ocr_verification_v1_VerdictReviewed, _yunxi_ocr_verification_v1_VerdictReviewed__Output>
        VerificationAlarm: MessageTypeDefinition<_yunxi_ocr_verification_v1_VerificationAlarm, _yunxi_ocr_verification_v1_VerificationAlarm__Output>
      }
    }
  }
}

