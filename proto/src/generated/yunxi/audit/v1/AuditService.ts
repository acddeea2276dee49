// Original file: proto/yunxi/audit/v1/audit.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { Checkpoint as _yunxi_audit_v1_Checkpoint, Checkpoint__Output as _yunxi_audit_v1_Checkpoint__Output } from '../../../yunxi/audit/v1/Checkpoint.js';
import type { ExportEvidenceRequest as _yunxi_audit_v1_ExportEvidenceRequest, ExportEvidenceRequest__Output as _yunxi_audit_v1_ExportEvidenceRequest__Output } from '../../../yunxi/audit/v1/ExportEvidenceRequest.js';
import type { ExportEvidenceResponse as _yunxi_audit_v1_ExportEvidenceResponse, ExportEvidenceResponse__Output as _yunxi_audit_v1_ExportEvidenceResponse__Output } from '../../../yunxi/audit/v1/ExportEvidenceResponse.js';
import type { GetCheckpointRequest as _yunxi_audit_v1_GetCheckpointRequest, GetCheckpointRequest__Output as _yunxi_audit_v1_GetCheckpointRequest__Output } from '../../../yunxi/audit/v1/GetCheckpointRequest.js';
import type { GetInclusionProofRequest as _yunxi_audit_v1_GetInclusionProofRequest, GetInclusionProofRequest__Output as _yunxi_audit_v1_GetInclusionProofRequest__Output } from '../../../yunxi/audit/v1/GetInclusionProofRequest.js';
import type { GetPublicKeyRequest as _yunxi_audit_v1_GetPublicKeyRequest, GetPublicKeyRequest__Output as _yunxi_audit_v1_GetPublicKeyRequest__Output } from '../../../yunxi/audit/v1/GetPublicKeyRequest.js';
import type { InclusionProof as _yunxi_audit_v1_InclusionProof, InclusionProof__Output as _yunxi_audit_v1_InclusionProof__Output } from '../../../yunxi/audit/v1/InclusionProof.js';
import type { ListEntriesRequest as _yunxi_audit_v1_ListEntriesRequest, ListEntriesRequest__Output as _yunxi_audit_v1_ListEntriesRequest__Output } from '../../../yunxi/audit/v1/ListEntriesRequest.js';
import type { ListEntriesResponse as _yunxi_audit_v1_ListEntriesResponse, ListEntriesResponse__Output as _yunxi_audit_v1_ListEntriesResponse__Output } from '../../../yunxi/audit/v1/ListEntriesResponse.js';
import type { PublicKey as _yunxi_audit_v1_PublicKey, PublicKey__Output as _yunxi_audit_v1_PublicKey__Output } from '../../../yunxi/audit/v1/PublicKey.js';
import type { VerifyChainRequest as _yunxi_audit_v1_VerifyChainRequest, VerifyChainRequest__Output as _yunxi_audit_v1_VerifyChainRequest__Output } from '../../../yunxi/audit/v1/VerifyChainRequest.js';
import type { VerifyChainResponse as _yunxi_audit_v1_VerifyChainResponse, VerifyChainResponse__Output as _yunxi_audit_v1_VerifyChainResponse__Output } from '../../../yunxi/audit/v1/VerifyChainResponse.js';

export interface AuditServiceClient extends grpc.Client {
  ExportEvidence(argument: _yunxi_audit_v1_ExportEvidenceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_audit_v1_ExportEvidenceResponse__Output>): grpc.ClientUnaryCall;
  ExportEvidence(argument: _yunxi_audit_v1_ExportEvidenceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_audit_v1_ExportEvidenceResponse__Output>): grpc.ClientUnaryCall;
  ExportEvidence(argument: _yunxi_audit_v1_ExportEvidenceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_audit_v1_ExportEvidenceResponse__Output>): grpc.ClientUnaryCall;
  ExportEvidence(argument: _yunxi_audit_v1_ExportEvidenceRequest, callback: grpc.requestCallback<_yunxi_audit_v1_ExportEvidenceResponse__Output>): grpc.ClientUnaryCall;
  exportEvidence(argument: _yunxi_audit_v1_ExportEvidenceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_audit_v1_ExportEvidenceResponse__Output>): grpc.ClientUnaryCall;
  exportEvidence(argument: _yunxi_audit_v1_ExportEvidenceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_audit_v1_ExportEvidenceResponse__Output>): grpc.ClientUnaryCall;
  exportEvidence(argument: _yunxi_audit_v1_ExportEvidenceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_audit_v1_ExportEvidenceResponse__Output>): grpc.ClientUnaryCall;
  exportEvidence(argument: _yunxi_audit_v1_ExportEvidenceRequest, callback: grpc.requestCallback<_yunxi_audit_v1_ExportEvidenceResponse__Output>): grpc.ClientUnaryCall;
  
  GetCheckpoint(argument: _yunxi_audit_v1_GetCheckpointRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_audit_v1_Checkpoint__Output>): grpc.ClientUnaryCall;
  GetCheckpoint(argument: _yunxi_audit_v1_GetCheckpointRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_audit_v1_Checkpoint__Output>): grpc.ClientUnaryCall;
  GetCheckpoint(argument: _yunxi_audit_v1_GetCheckpointRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_audit_v1_Checkpoint__Output>): grpc.ClientUnaryCall;
  GetCheckpoint(argument: _yunxi_audit_v1_GetCheckpointRequest, callback: grpc.requestCallback<_yunxi_audit_v1_Checkpoint__Output>): grpc.ClientUnaryCall;
  getCheckpoint(argument: _yunxi_audit_v1_GetCheckpointRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_audit_v1_Checkpoint__Output>): grpc.ClientUnaryCall;
  getCheckpoint(argument: _yunxi_audit_v1_GetCheckpointRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_audit_v1_Checkpoint__Output>): grpc.ClientUnaryCall;
  getCheckpoint(argument: _yunxi_audit_v1_GetCheckpointRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_audit_v1_Checkpoint__Output>): grpc.ClientUnaryCall;
  getCheckpoint(argument: _yunxi_audit_v1_GetCheckpointRequest, callback: grpc.requestCallback<_yunxi_audit_v1_Checkpoint__Output>): grpc.ClientUnaryCall;
  
  GetInclusionProof(argument: _yunxi_audit_v1_GetInclusionProofRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_audit_v1_InclusionProof__Output>): grpc.ClientUnaryCall;
  GetInclusionProof(argument: _yunxi_audit_v1_GetInclusionProofRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_audit_v1_InclusionProof__Output>): grpc.ClientUnaryCall;
  GetInclusionProof(argument: _yunxi_audit_v1_GetInclusionProofRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_audit_v1_InclusionProof__Output>): grpc.ClientUnaryCall;
  GetInclusionProof(argument: _yunxi_audit_v1_GetInclusionProofRequest, callback: grpc.requestCallback<_yunxi_audit_v1_InclusionProof__Output>): grpc.ClientUnaryCall;
  getInclusionProof(argument: _yunxi_audit_v1_GetInclusionProofRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_audit_v1_InclusionProof__Output>): grpc.ClientUnaryCall;
  getInclusionProof(argument: _yunxi_audit_v1_GetInclusionProofRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_audit_v1_InclusionProof__Output>): grpc.ClientUnaryCall;
  getInclusionProof(argument: _yunxi_audit_v1_GetInclusionProofRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_audit_v1_InclusionProof__Output>): grpc.ClientUnaryCall;
  getInclusionProof(argument: _yunxi_audit_v1_GetInclusionProofRequest, callback: grpc.requestCallback<_yunxi_audit_v1_InclusionProof__Output>): grpc.ClientUnaryCall;
  
  GetPublicKey(argument: _yunxi_audit_v1_GetPublicKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_audit_v1_PublicKey__Output>): grpc.ClientUnaryCall;
  GetPublicKey(argument: _yunxi_audit_v1_GetPublicKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_audit_v1_PublicKey__Output>): grpc.ClientUnaryCall;
  GetPublicKey(argument: _yunxi_audit_v1_GetPublicKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_audit_v1_PublicKey__Output>): grpc.ClientUnaryCall;
  GetPublicKey(argument: _yunxi_audit_v1_GetPublicKeyRequest, callback: grpc.requestCallback<_yunxi_audit_v1_PublicKey__Output>): grpc.ClientUnaryCall;
  getPublicKey(argument: _yunxi_audit_v1_GetPublicKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_audit_v1_PublicKey__Output>): grpc.ClientUnaryCall;
  getPublicKey(argument: _yunxi_audit_v1_GetPublicKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_audit_v1_PublicKey__Output>): grpc.ClientUnaryCall;
  getPublicKey(argument: _yunxi_audit_v1_GetPublicKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_audit_v1_PublicKey__Output>): grpc.ClientUnaryCall;
  getPublicKey(argument: _yunxi_audit_v1_GetPublicKeyRequest, callback: grpc.requestCallback<_yunxi_audit_v1_PublicKey__Output>): grpc.ClientUnaryCall;
  
  ListEntries(argument: _yunxi_audit_v1_ListEntriesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_audit_v1_ListEntriesResponse__Output>): grpc.ClientUnaryCall;
  ListEntries(argument: _yunxi_audit_v1_ListEntriesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_audit_v1_ListEntriesResponse__Output>): grpc.ClientUnaryCall;
  ListEntries(argument: _yunxi_audit_v1_ListEntriesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_audit_v1_ListEntriesResponse__Output>): grpc.ClientUnaryCall;
  ListEntries(argument: _yunxi_audit_v1_ListEntriesRequest, callback: grpc.requestCallback<_yunxi_audit_v1_ListEntriesResponse__Output>): grpc.ClientUnaryCall;
  listEntries(argument: _yunxi_audit_v1_ListEntriesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_audit_v1_ListEntriesResponse__Output>): grpc.ClientUnaryCall;
  listEntries(argument: _yunxi_audit_v1_ListEntriesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_audit_v1_ListEntriesResponse__Output>): grpc.ClientUnaryCall;
  listEntries(argument: _yunxi_audit_v1_ListEntriesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_audit_v1_ListEntriesResponse__Output>): grpc.ClientUnaryCall;
  listEntries(argument: _yunxi_audit_v1_ListEntriesRequest, callback: grpc.requestCallback<_yunxi_audit_v1_ListEntriesResponse__Output>): grpc.ClientUnaryCall;
  
  VerifyChain(argument: _yunxi_audit_v1_VerifyChainRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_audit_v1_VerifyChainResponse__Output>): grpc.ClientUnaryCall;
  VerifyChain(argument: _yunxi_audit_v1_VerifyChainRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_audit_v1_VerifyChainResponse__Output>): grpc.ClientUnaryCall;
  VerifyChain(argument: _yunxi_audit_v1_VerifyChainRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_audit_v1_VerifyChainResponse__Output>): grpc.ClientUnaryCall;
  VerifyChain(argument: _yunxi_audit_v1_VerifyChainRequest, callback: grpc.requestCallback<_yunxi_audit_v1_VerifyChainResponse__Output>): grpc.ClientUnaryCall;
  verifyChain(argument: _yunxi_audit_v1_VerifyChainRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_audit_v1_VerifyChainResponse__Output>): grpc.ClientUnaryCall;
  verifyChain(argument: _yunxi_audit_v1_VerifyChainRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_audit_v1_VerifyChainResponse__Output>): grpc.ClientUnaryCall;
  verifyChain(argument: _yunxi_audit_v1_VerifyChainRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_audit_v1_VerifyChainResponse__Output>): grpc.ClientUnaryCall;
  verifyChain(argument: _yunxi_audit_v1_VerifyChainRequest, callback: grpc.requestCallback<_yunxi_audit_v1_VerifyChainResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface AuditServiceHandlers extends grpc.UntypedServiceImplementation {
  ExportEvidence: grpc.handleUnaryCall<_yunxi_audit_v1_ExportEvidenceRequest__Output, _yunxi_audit_v1_ExportEvidenceResponse>;
  
  GetCheckpoint: grpc.handleUnaryCall<_yunxi_audit_v1_GetCheckpointRequest__Output, _yunxi_audit_v1_Checkpoint>;
  
  GetInclusionProof: grpc.handleUnaryCall<_yunxi_audit_v1_GetInclusionProofRequest__Output, _yunxi_audit_v1_InclusionProof>;
  
  GetPublicKey: grpc.handleUnaryCall<_yunxi_audit_v1_GetPublicKeyRequest__Output, _yunxi_audit_v1_PublicKey>;
  
  ListEntries: grpc.handleUnaryCall<_yunxi_audit_v1_ListEntriesRequest__Output, _yunxi_audit_v1_ListEntriesResponse>;
  
  VerifyChain: grpc.handleUnaryCall<_yunxi_audit_v1_VerifyChainRequest__Output, _yunxi_audit_v1_VerifyChainResponse>;
  
}

export interface AuditServiceDefinition extends grpc.ServiceDefinition {
  ExportEvidence: MethodDefinition<_yunxi_audit_v1_ExportEvidenceRequest, _yunxi_audit_v1_ExportEvidenceResponse, _yunxi_audit_v1_ExportEvidenceRequest__Output, _yunxi_audit_v1_ExportEvidenceResponse__Output>
  GetCheckpoint: MethodDefinition<_yunxi_audit_v1_GetCheckpointRequest, _yunxi_audit_v1_Checkpoint, _yunxi_audit_v1_GetCheckpointRequest__Output, _yunxi_audit_v1_Checkpoint__Output>
  GetInclusionProof: MethodDefinition<_yunxi_audit_v1_GetInclusionProofRequest, _yunxi_audit_v1_InclusionProof, _yunxi_audit_v1_GetInclusionProofRequest__Output, _yunxi_audit_v1_InclusionProof__Output>
  GetPublicKey: MethodDefinition<_yunxi_audit_v1_GetPublicKeyRequest, _yunxi_audit_v1_PublicKey, _yunxi_audit_v1_GetPublicKeyRequest__Output, _yunxi_audit_v1_PublicKey__Output>
  ListEntries: MethodDefinition<_yunxi_audit_v1_ListEntriesRequest, _yunxi_audit_v1_ListEntriesResponse, _yunxi_audit_v1_ListEntriesRequest__Output, _yunxi_audit_v1_ListEntriesResponse__Output>
  VerifyChain: MethodDefinition<_yunxi_audit_v1_VerifyChainRequest, _yunxi_audit_v1_VerifyChainResponse, _yunxi_audit_v1_VerifyChainRequest__Output, _yunxi_audit_v1_VerifyChainResponse__Output>
}
