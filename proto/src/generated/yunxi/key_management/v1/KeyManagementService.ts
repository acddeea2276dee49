// Original file: proto/yunxi/key_management/v1/key_management.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateKeyRequest as _yunxi_key_management_v1_CreateKeyRequest, CreateKeyRequest__Output as _yunxi_key_management_v1_CreateKeyRequest__Output } from '../../../yunxi/key_management/v1/CreateKeyRequest.js';
import type { DecryptRequest as _yunxi_key_management_v1_DecryptRequest, DecryptRequest__Output as _yunxi_key_management_v1_DecryptRequest__Output } from '../../../yunxi/key_management/v1/DecryptRequest.js';
import type { DecryptResponse as _yunxi_key_management_v1_DecryptResponse, DecryptResponse__Output as _yunxi_key_management_v1_DecryptResponse__Output } from '../../../yunxi/key_management/v1/DecryptResponse.js';
import type { EncryptRequest as _yunxi_key_management_v1_EncryptRequest, EncryptRequest__Output as _yunxi_key_management_v1_EncryptRequest__Output } from '../../../yunxi/key_management/v1/EncryptRequest.js';
import type { EncryptResponse as _yunxi_key_management_v1_EncryptResponse, EncryptResponse__Output as _yunxi_key_management_v1_EncryptResponse__Output } from '../../../yunxi/key_management/v1/EncryptResponse.js';
import type { GenerateDataKeyRequest as _yunxi_key_management_v1_GenerateDataKeyRequest, GenerateDataKeyRequest__Output as _yunxi_key_management_v1_GenerateDataKeyRequest__Output } from '../../../yunxi/key_management/v1/GenerateDataKeyRequest.js';
import type { GenerateDataKeyResponse as _yunxi_key_management_v1_GenerateDataKeyResponse, GenerateDataKeyResponse__Output as _yunxi_key_management_v1_GenerateDataKeyResponse__Output } from '../../../yunxi/key_management/v1/GenerateDataKeyResponse.js';
import type { GetKeyRequest as _yunxi_key_management_v1_GetKeyRequest, GetKeyRequest__Output as _yunxi_key_management_v1_GetKeyRequest__Output } from '../../../yunxi/key_management/v1/GetKeyRequest.js';
import type { GetOrganisationPolicyRequest as _yunxi_key_management_v1_GetOrganisationPolicyRequest, GetOrganisationPolicyRequest__Output as _yunxi_key_management_v1_GetOrganisationPolicyRequest__Output } from '../../../yunxi/key_management/v1/GetOrganisationPolicyRequest.js';
import type { KeyInfo as _yunxi_key_management_v1_KeyInfo, KeyInfo__Output as _yunxi_key_management_v1_KeyInfo__Output } from '../../../yunxi/key_management/v1/KeyInfo.js';
import type { OrganisationPolicy as _yunxi_key_management_v1_OrganisationPolicy, OrganisationPolicy__Output as _yunxi_key_management_v1_OrganisationPolicy__Output } from '../../../yunxi/key_management/v1/OrganisationPolicy.js';
import type { ReWrapRequest as _yunxi_key_management_v1_ReWrapRequest, ReWrapRequest__Output as _yunxi_key_management_v1_ReWrapRequest__Output } from '../../../yunxi/key_management/v1/ReWrapRequest.js';
import type { ReWrapResponse as _yunxi_key_management_v1_ReWrapResponse, ReWrapResponse__Output as _yunxi_key_management_v1_ReWrapResponse__Output } from '../../../yunxi/key_management/v1/ReWrapResponse.js';
import type { RotateKeyRequest as _yunxi_key_management_v1_RotateKeyRequest, RotateKeyRequest__Output as _yunxi_key_management_v1_RotateKeyRequest__Output } from '../../../yunxi/key_management/v1/RotateKeyRequest.js';
import type { SetKeyConfigRequest as _yunxi_key_management_v1_SetKeyConfigRequest, SetKeyConfigRequest__Output as _yunxi_key_management_v1_SetKeyConfigRequest__Output } from '../../../yunxi/key_management/v1/SetKeyConfigRequest.js';
import type { SetOrganisationPolicyRequest as _yunxi_key_management_v1_SetOrganisationPolicyRequest, SetOrganisationPolicyRequest__Output as _yunxi_key_management_v1_SetOrganisationPolicyRequest__Output } from '../../../yunxi/key_management/v1/SetOrganisationPolicyRequest.js';

export interface KeyManagementServiceClient extends grpc.Client {
  CreateKey(argument: _yunxi_key_management_v1_CreateKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  CreateKey(argument: _yunxi_key_management_v1_CreateKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  CreateKey(argument: _yunxi_key_management_v1_CreateKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  CreateKey(argument: _yunxi_key_management_v1_CreateKeyRequest, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  createKey(argument: _yunxi_key_management_v1_CreateKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  createKey(argument: _yunxi_key_management_v1_CreateKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  createKey(argument: _yunxi_key_management_v1_CreateKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  createKey(argument: _yunxi_key_management_v1_CreateKeyRequest, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  
  Decrypt(argument: _yunxi_key_management_v1_DecryptRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_DecryptResponse__Output>): grpc.ClientUnaryCall;
  Decrypt(argument: _yunxi_key_management_v1_DecryptRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_key_management_v1_DecryptResponse__Output>): grpc.ClientUnaryCall;
  Decrypt(argument: _yunxi_key_management_v1_DecryptRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_DecryptResponse__Output>): grpc.ClientUnaryCall;
  Decrypt(argument: _yunxi_key_management_v1_DecryptRequest, callback: grpc.requestCallback<_yunxi_key_management_v1_DecryptResponse__Output>): grpc.ClientUnaryCall;
  decrypt(argument: _yunxi_key_management_v1_DecryptRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_DecryptResponse__Output>): grpc.ClientUnaryCall;
  decrypt(argument: _yunxi_key_management_v1_DecryptRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_key_management_v1_DecryptResponse__Output>): grpc.ClientUnaryCall;
  decrypt(argument: _yunxi_key_management_v1_DecryptRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_DecryptResponse__Output>): grpc.ClientUnaryCall;
  decrypt(argument: _yunxi_key_management_v1_DecryptRequest, callback: grpc.requestCallback<_yunxi_key_management_v1_DecryptResponse__Output>): grpc.ClientUnaryCall;
  
  Encrypt(argument: _yunxi_key_management_v1_EncryptRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_EncryptResponse__Output>): grpc.ClientUnaryCall;
  Encrypt(argument: _yunxi_key_management_v1_EncryptRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_key_management_v1_EncryptResponse__Output>): grpc.ClientUnaryCall;
  Encrypt(argument: _yunxi_key_management_v1_EncryptRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_EncryptResponse__Output>): grpc.ClientUnaryCall;
  Encrypt(argument: _yunxi_key_management_v1_EncryptRequest, callback: grpc.requestCallback<_yunxi_key_management_v1_EncryptResponse__Output>): grpc.ClientUnaryCall;
  encrypt(argument: _yunxi_key_management_v1_EncryptRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_EncryptResponse__Output>): grpc.ClientUnaryCall;
  encrypt(argument: _yunxi_key_management_v1_EncryptRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_key_management_v1_EncryptResponse__Output>): grpc.ClientUnaryCall;
  encrypt(argument: _yunxi_key_management_v1_EncryptRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_EncryptResponse__Output>): grpc.ClientUnaryCall;
  encrypt(argument: _yunxi_key_management_v1_EncryptRequest, callback: grpc.requestCallback<_yunxi_key_management_v1_EncryptResponse__Output>): grpc.ClientUnaryCall;
  
  GenerateDataKey(argument: _yunxi_key_management_v1_GenerateDataKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_GenerateDataKeyResponse__Output>): grpc.ClientUnaryCall;
  GenerateDataKey(argument: _yunxi_key_management_v1_GenerateDataKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_key_management_v1_GenerateDataKeyResponse__Output>): grpc.ClientUnaryCall;
  GenerateDataKey(argument: _yunxi_key_management_v1_GenerateDataKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_GenerateDataKeyResponse__Output>): grpc.ClientUnaryCall;
  GenerateDataKey(argument: _yunxi_key_management_v1_GenerateDataKeyRequest, callback: grpc.requestCallback<_yunxi_key_management_v1_GenerateDataKeyResponse__Output>): grpc.ClientUnaryCall;
  generateDataKey(argument: _yunxi_key_management_v1_GenerateDataKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_GenerateDataKeyResponse__Output>): grpc.ClientUnaryCall;
  generateDataKey(argument: _yunxi_key_management_v1_GenerateDataKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_key_management_v1_GenerateDataKeyResponse__Output>): grpc.ClientUnaryCall;
  generateDataKey(argument: _yunxi_key_management_v1_GenerateDataKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_GenerateDataKeyResponse__Output>): grpc.ClientUnaryCall;
  generateDataKey(argument: _yunxi_key_management_v1_GenerateDataKeyRequest, callback: grpc.requestCallback<_yunxi_key_management_v1_GenerateDataKeyResponse__Output>): grpc.ClientUnaryCall;
  
  GetKey(argument: _yunxi_key_management_v1_GetKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  GetKey(argument: _yunxi_key_management_v1_GetKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  GetKey(argument: _yunxi_key_management_v1_GetKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  GetKey(argument: _yunxi_key_management_v1_GetKeyRequest, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  getKey(argument: _yunxi_key_management_v1_GetKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  getKey(argument: _yunxi_key_management_v1_GetKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  getKey(argument: _yunxi_key_management_v1_GetKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  getKey(argument: _yunxi_key_management_v1_GetKeyRequest, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  
  GetOrganisationPolicy(argument: _yunxi_key_management_v1_GetOrganisationPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_OrganisationPolicy__Output>): grpc.ClientUnaryCall;
  GetOrganisationPolicy(argument: _yunxi_key_management_v1_GetOrganisationPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_key_management_v1_OrganisationPolicy__Output>): grpc.ClientUnaryCall;
  GetOrganisationPolicy(argument: _yunxi_key_management_v1_GetOrganisationPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_OrganisationPolicy__Output>): grpc.ClientUnaryCall;
  GetOrganisationPolicy(argument: _yunxi_key_management_v1_GetOrganisationPolicyRequest, callback: grpc.requestCallback<_yunxi_key_management_v1_OrganisationPolicy__Output>): grpc.ClientUnaryCall;
  getOrganisationPolicy(argument: _yunxi_key_management_v1_GetOrganisationPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_OrganisationPolicy__Output>): grpc.ClientUnaryCall;
  getOrganisationPolicy(argument: _yunxi_key_management_v1_GetOrganisationPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_key_management_v1_OrganisationPolicy__Output>): grpc.ClientUnaryCall;
  getOrganisationPolicy(argument: _yunxi_key_management_v1_GetOrganisationPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_OrganisationPolicy__Output>): grpc.ClientUnaryCall;
  getOrganisationPolicy(argument: _yunxi_key_management_v1_GetOrganisationPolicyRequest, callback: grpc.requestCallback<_yunxi_key_management_v1_OrganisationPolicy__Output>): grpc.ClientUnaryCall;
  
  ReWrap(argument: _yunxi_key_management_v1_ReWrapRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_ReWrapResponse__Output>): grpc.ClientUnaryCall;
  ReWrap(argument: _yunxi_key_management_v1_ReWrapRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_key_management_v1_ReWrapResponse__Output>): grpc.ClientUnaryCall;
  ReWrap(argument: _yunxi_key_management_v1_ReWrapRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_ReWrapResponse__Output>): grpc.ClientUnaryCall;
  ReWrap(argument: _yunxi_key_management_v1_ReWrapRequest, callback: grpc.requestCallback<_yunxi_key_management_v1_ReWrapResponse__Output>): grpc.ClientUnaryCall;
  reWrap(argument: _yunxi_key_management_v1_ReWrapRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_ReWrapResponse__Output>): grpc.ClientUnaryCall;
  reWrap(argument: _yunxi_key_management_v1_ReWrapRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_key_management_v1_ReWrapResponse__Output>): grpc.ClientUnaryCall;
  reWrap(argument: _yunxi_key_management_v1_ReWrapRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_ReWrapResponse__Output>): grpc.ClientUnaryCall;
  reWrap(argument: _yunxi_key_management_v1_ReWrapRequest, callback: grpc.requestCallback<_yunxi_key_management_v1_ReWrapResponse__Output>): grpc.ClientUnaryCall;
  
  RotateKey(argument: _yunxi_key_management_v1_RotateKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  RotateKey(argument: _yunxi_key_management_v1_RotateKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  RotateKey(argument: _yunxi_key_management_v1_RotateKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  RotateKey(argument: _yunxi_key_management_v1_RotateKeyRequest, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  rotateKey(argument: _yunxi_key_management_v1_RotateKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  rotateKey(argument: _yunxi_key_management_v1_RotateKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  rotateKey(argument: _yunxi_key_management_v1_RotateKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  rotateKey(argument: _yunxi_key_management_v1_RotateKeyRequest, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  
  SetKeyConfig(argument: _yunxi_key_management_v1_SetKeyConfigRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  SetKeyConfig(argument: _yunxi_key_management_v1_SetKeyConfigRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  SetKeyConfig(argument: _yunxi_key_management_v1_SetKeyConfigRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  SetKeyConfig(argument: _yunxi_key_management_v1_SetKeyConfigRequest, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  setKeyConfig(argument: _yunxi_key_management_v1_SetKeyConfigRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  setKeyConfig(argument: _yunxi_key_management_v1_SetKeyConfigRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  setKeyConfig(argument: _yunxi_key_management_v1_SetKeyConfigRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  setKeyConfig(argument: _yunxi_key_management_v1_SetKeyConfigRequest, callback: grpc.requestCallback<_yunxi_key_management_v1_KeyInfo__Output>): grpc.ClientUnaryCall;
  
  SetOrganisationPolicy(argument: _yunxi_key_management_v1_SetOrganisationPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_OrganisationPolicy__Output>): grpc.ClientUnaryCall;
  SetOrganisationPolicy(argument: _yunxi_key_management_v1_SetOrganisationPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_key_management_v1_OrganisationPolicy__Output>): grpc.ClientUnaryCall;
  SetOrganisationPolicy(argument: _yunxi_key_management_v1_SetOrganisationPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_OrganisationPolicy__Output>): grpc.ClientUnaryCall;
  SetOrganisationPolicy(argument: _yunxi_key_management_v1_SetOrganisationPolicyRequest, callback: grpc.requestCallback<_yunxi_key_management_v1_OrganisationPolicy__Output>): grpc.ClientUnaryCall;
  setOrganisationPolicy(argument: _yunxi_key_management_v1_SetOrganisationPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_OrganisationPolicy__Output>): grpc.ClientUnaryCall;
  setOrganisationPolicy(argument: _yunxi_key_management_v1_SetOrganisationPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_key_management_v1_OrganisationPolicy__Output>): grpc.ClientUnaryCall;
  setOrganisationPolicy(argument: _yunxi_key_management_v1_SetOrganisationPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_key_management_v1_OrganisationPolicy__Output>): grpc.ClientUnaryCall;
  setOrganisationPolicy(argument: _yunxi_key_management_v1_SetOrganisationPolicyRequest, callback: grpc.requestCallback<_yunxi_key_management_v1_OrganisationPolicy__Output>): grpc.ClientUnaryCall;
  
}

export interface KeyManagementServiceHandlers extends grpc.UntypedServiceImplementation {
  CreateKey: grpc.handleUnaryCall<_yunxi_key_management_v1_CreateKeyRequest__Output, _yunxi_key_management_v1_KeyInfo>;
  
  Decrypt: grpc.handleUnaryCall<_yunxi_key_management_v1_DecryptRequest__Output, _yunxi_key_management_v1_DecryptResponse>;
  
  Encrypt: grpc.handleUnaryCall<_yunxi_key_management_v1_EncryptRequest__Output, _yunxi_key_management_v1_EncryptResponse>;
  
  GenerateDataKey: grpc.handleUnaryCall<_yunxi_key_management_v1_GenerateDataKeyRequest__Output, _yunxi_key_management_v1_GenerateDataKeyResponse>;
  
  GetKey: grpc.handleUnaryCall<_yunxi_key_management_v1_GetKeyRequest__Output, _yunxi_key_management_v1_KeyInfo>;
  
  GetOrganisationPolicy: grpc.handleUnaryCall<_yunxi_key_management_v1_GetOrganisationPolicyRequest__Output, _yunxi_key_management_v1_OrganisationPolicy>;
  
  ReWrap: grpc.handleUnaryCall<_yunxi_key_management_v1_ReWrapRequest__Output, _yunxi_key_management_v1_ReWrapResponse>;
  
  RotateKey: grpc.handleUnaryCall<_yunxi_key_management_v1_RotateKeyRequest__Output, _yunxi_key_management_v1_KeyInfo>;
  
  SetKeyConfig: grpc.handleUnaryCall<_yunxi_key_management_v1_SetKeyConfigRequest__Output, _yunxi_key_management_v1_KeyInfo>;
  
  SetOrganisationPolicy: grpc.handleUnaryCall<_yunxi_key_management_v1_SetOrganisationPolicyRequest__Output, _yunxi_key_management_v1_OrganisationPolicy>;
  
}

export interface KeyManagementServiceDefinition extends grpc.ServiceDefinition {
  CreateKey: MethodDefinition<_yunxi_key_management_v1_CreateKeyRequest, _yunxi_key_management_v1_KeyInfo, _yunxi_key_management_v1_CreateKeyRequest__Output, _yunxi_key_management_v1_KeyInfo__Output>
  Decrypt: MethodDefinition<_yunxi_key_management_v1_DecryptRequest, _yunxi_key_management_v1_DecryptResponse, _yunxi_key_management_v1_DecryptRequest__Output, _yunxi_key_management_v1_DecryptResponse__Output>
  Encrypt: MethodDefinition<_yunxi_key_management_v1_EncryptRequest, _yunxi_key_management_v1_EncryptResponse, _yunxi_key_management_v1_EncryptRequest__Output, _yunxi_key_management_v1_EncryptResponse__Output>
  GenerateDataKey: MethodDefinition<_yunxi_key_management_v1_GenerateDataKeyRequest, _yunxi_key_management_v1_GenerateDataKeyResponse, _yunxi_key_management_v1_GenerateDataKeyRequest__Output, _yunxi_key_management_v1_GenerateDataKeyResponse__Output>
  GetKey: MethodDefinition<_yunxi_key_management_v1_GetKeyRequest, _yunxi_key_management_v1_KeyInfo, _yunxi_key_management_v1_GetKeyRequest__Output, _yunxi_key_management_v1_KeyInfo__Output>
  GetOrganisationPolicy: MethodDefinition<_yunxi_key_management_v1_GetOrganisationPolicyRequest, _yunxi_key_management_v1_OrganisationPolicy, _yunxi_key_management_v1_GetOrganisationPolicyRequest__Output, _yunxi_key_management_v1_OrganisationPolicy__Output>
  ReWrap: MethodDefinition<_yunxi_key_management_v1_ReWrapRequest, _yunxi_key_management_v1_ReWrapResponse, _yunxi_key_management_v1_ReWrapRequest__Output, _yunxi_key_management_v1_ReWrapResponse__Output>
  RotateKey: MethodDefinition<_yunxi_key_management_v1_RotateKeyRequest, _yunxi_key_management_v1_KeyInfo, _yunxi_key_management_v1_RotateKeyRequest__Output, _yunxi_key_management_v1_KeyInfo__Output>
  SetKeyConfig: MethodDefinition<_yunxi_key_management_v1_SetKeyConfigRequest, _yunxi_key_management_v1_KeyInfo, _yunxi_key_management_v1_SetKeyConfigRequest__Output, _yunxi_key_management_v1_KeyInfo__Output>
  SetOrganisationPolicy: MethodDefinition<_yunxi_key_management_v1_SetOrganisationPolicyRequest, _yunxi_key_management_v1_OrganisationPolicy, _yunxi_key_management_v1_SetOrganisationPolicyRequest__Output, _yunxi_key_management_v1_OrganisationPolicy__Output>
}
