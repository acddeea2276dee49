import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AuditServiceClient as _yunxi_audit_v1_AuditServiceClient, AuditServiceDefinition as _yunxi_audit_v1_AuditServiceDefinition } from './AuditService.js';
import type { Checkpoint as _yunxi_audit_v1_Checkpoint, Checkpoint__Output as _yunxi_audit_v1_Checkpoint__Output } from './Checkpoint.js';
import type { Entry as _yunxi_audit_v1_Entry, Entry__Output as _yunxi_audit_v1_Entry__Output } from './Entry.js';
import type { ExportEvidenceRequest as _yunxi_audit_v1_ExportEvidenceRequest, ExportEvidenceRequest__Output as _yunxi_audit_v1_ExportEvidenceRequest__Output } from './ExportEvidenceRequest.js';
import type { ExportEvidenceResponse as _yunxi_audit_v1_ExportEvidenceResponse, ExportEvidenceResponse__Output as _yunxi_audit_v1_ExportEvidenceResponse__Output } from './ExportEvidenceResponse.js';
import type { GetCheckpointRequest as _yunxi_audit_v1_GetCheckpointRequest, GetCheckpointRequest__Output as _yunxi_audit_v1_GetCheckpointRequest__Output } from './GetCheckpointRequest.js';
import type { GetInclusionProofRequest as _yunxi_audit_v1_GetInclusionProofRequest, GetInclusionProofRequest__Output as _yunxi_audit_v1_GetInclusionProofRequest__Output } from './GetInclusionProofRequest.js';
import type { GetPublicKeyRequest as _yunxi_audit_v1_GetPublicKeyRequest, GetPublicKeyRequest__Output as _yunxi_audit_v1_GetPublicKeyRequest__Output } from './GetPublicKeyRequest.js';
import type { InclusionProof as _yunxi_audit_v1_InclusionProof, InclusionProof__Output as _yunxi_audit_v1_InclusionProof__Output } from './InclusionProof.js';
import type { ListEntriesRequest as _yunxi_audit_v1_ListEntriesRequest, ListEntriesRequest__Output as _yunxi_audit_v1_ListEntriesRequest__Output } from './ListEntriesRequest.js';
import type { ListEntriesResponse as _yunxi_audit_v1_ListEntriesResponse, ListEntriesResponse__Output as _yunxi_audit_v1_ListEntriesResponse__Output } from './ListEntriesResponse.js';
import type { PublicKey as _yunxi_audit_v1_PublicKey, PublicKey__Output as _yunxi_audit_v1_PublicKey__Output } from './PublicKey.js';
import type { VerifyChainRequest as _yunxi_audit_v1_VerifyChainRequest, VerifyChainRequest__Output as _yunxi_audit_v1_VerifyChainRequest__Output } from './VerifyChainRequest.js';
import type { VerifyChainResponse as _yunxi_audit_v1_VerifyChainResponse, VerifyChainResponse__Output as _yunxi_audit_v1_VerifyChainResponse__Output } from './VerifyChainResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  yunxi: {
    audit: {
      v1: {
        AuditService: SubtypeConstructor<typeof grpc.Client, _yunxi_audit_v1_AuditServiceClient> & { service: _yunxi_audit_v1_AuditServiceDefinition }
        Checkpoint: MessageTypeDefinition<_yunxi_audit_v1_Checkpoint, _yunxi_audit_v1_Checkpoint__Output>
        Entry: MessageTypeDefinition<_yunxi_audit_v1_Entry, _yunxi_audit_v1_Entry__Output>
        ExportEvidenceRequest: MessageTypeDefinition<_yunxi_audit_v1_ExportEvidenceRequest, _yunxi_audit_v1_ExportEvidenceRequest__Output>
        ExportEvidenceResponse: MessageTypeDefinition<_yunxi_audit_v1_ExportEvidenceResponse, _yunxi_audit_v1_ExportEvidenceResponse__Output>
        GetCheckpointRequest: MessageTypeDefinition<_yunxi_audit_v1_GetCheckpointRequest, _yunxi_audit_v1_GetCheckpointRequest__Output>
        GetInclusionProofRequest: MessageTypeDefinition<_yunxi_audit_v1_GetInclusionProofRequest, _yunxi_audit_v1_GetInclusionProofRequest__Output>
        GetPublicKeyRequest: MessageTypeDefinition<_yunxi_audit_v1_GetPublicKeyRequest, _yunxi_audit_v1_GetPublicKeyRequest__Output>
        InclusionProof: MessageTypeDefinition<_yunxi_audit_v1_InclusionProof, _yunxi_audit_v1_InclusionProof__Output>
        ListEntriesRequest: MessageTypeDefinition<_yunxi_audit_v1_ListEntriesRequest, _yunxi_audit_v1_ListEntriesRequest__Output>
        ListEntriesResponse: MessageTypeDefinition<_yunxi_audit_v1_ListEntriesResponse, _yunxi_audit_v1_ListEntriesResponse__Output>
        PublicKey: MessageTypeDefinition<_yunxi_audit_v1_PublicKey, _yunxi_audit_v1_PublicKey__Output>
        VerifyChainRequest: MessageTypeDefinition<_yunxi_audit_v1_VerifyChainRequest, _yunxi_audit_v1_VerifyChainRequest__Output>
        VerifyChainResponse: MessageTypeDefinition<_yunxi_audit_v1_VerifyChainResponse, _yunxi_audit_v1_VerifyChainResponse__Output>
      }
    }
  }
}

