import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { CreateKeyRequest as _yunxi_key_management_v1_CreateKeyRequest, CreateKeyRequest__Output as _yunxi_key_management_v1_CreateKeyRequest__Output } from './CreateKeyRequest.js';
import type { DecryptRequest as _yunxi_key_management_v1_DecryptRequest, DecryptRequest__Output as _yunxi_key_management_v1_DecryptRequest__Output } from './DecryptRequest.js';
import type { DecryptResponse as _yunxi_key_management_v1_DecryptResponse, DecryptResponse__Output as _yunxi_key_management_v1_DecryptResponse__Output } from './DecryptResponse.js';
import type { EncryptRequest as _yunxi_key_management_v1_EncryptRequest, EncryptRequest__Output as _yunxi_key_management_v1_EncryptRequest__Output } from './EncryptRequest.js';
import type { EncryptResponse as _yunxi_key_management_v1_EncryptResponse, EncryptResponse__Output as _yunxi_key_management_v1_EncryptResponse__Output } from './EncryptResponse.js';
import type { GenerateDataKeyRequest as _yunxi_key_management_v1_GenerateDataKeyRequest, GenerateDataKeyRequest__Output as _yunxi_key_management_v1_GenerateDataKeyRequest__Output } from './GenerateDataKeyRequest.js';
import type { GenerateDataKeyResponse as _yunxi_key_management_v1_GenerateDataKeyResponse, GenerateDataKeyResponse__Output as _yunxi_key_management_v1_GenerateDataKeyResponse__Output } from './GenerateDataKeyResponse.js';
import type { GetKeyRequest as _yunxi_key_management_v1_GetKeyRequest, GetKeyRequest__Output as _yunxi_key_management_v1_GetKeyRequest__Output } from './GetKeyRequest.js';
import type { GetOrganisationPolicyRequest as _yunxi_key_management_v1_GetOrganisationPolicyRequest, GetOrganisationPolicyRequest__Output as _yunxi_key_management_v1_GetOrganisationPolicyRequest__Output } from './GetOrganisationPolicyRequest.js';
import type { KeyInfo as _yunxi_key_management_v1_KeyInfo, KeyInfo__Output as _yunxi_key_management_v1_KeyInfo__Output } from './KeyInfo.js';
import type { KeyManagementServiceClient as _yunxi_key_management_v1_KeyManagementServiceClient, KeyManagementServiceDefinition as _yunxi_key_management_v1_KeyManagementServiceDefinition } from './KeyManagementService.js';
import type { KeyVersionInfo as _yunxi_key_management_v1_KeyVersionInfo, KeyVersionInfo__Output as _yunxi_key_management_v1_KeyVersionInfo__Output } from './KeyVersionInfo.js';
import type { OrganisationPolicy as _yunxi_key_management_v1_OrganisationPolicy, OrganisationPolicy__Output as _yunxi_key_management_v1_OrganisationPolicy__Output } from './OrganisationPolicy.js';
import type { ReWrapRequest as _yunxi_key_management_v1_ReWrapRequest, ReWrapRequest__Output as _yunxi_key_management_v1_ReWrapRequest__Output } from './ReWrapRequest.js';
import type { ReWrapResponse as _yunxi_key_management_v1_ReWrapResponse, ReWrapResponse__Output as _yunxi_key_management_v1_ReWrapResponse__Output } from './ReWrapResponse.js';
import type { RotateKeyRequest as _yunxi_key_management_v1_RotateKeyRequest, RotateKeyRequest__Output as _yunxi_key_management_v1_RotateKeyRequest__Output } from './RotateKeyRequest.js';
import type { SetKeyConfigRequest as _yunxi_key_management_v1_SetKeyConfigRequest, SetKeyConfigRequest__Output as _yunxi_key_management_v1_SetKeyConfigRequest__Output } from './SetKeyConfigRequest.js';
import type { SetOrganisationPolicyRequest as _yunxi_key_management_v1_SetOrganisationPolicyRequest, SetOrganisationPolicyRequest__Output as _yunxi_key_management_v1_SetOrganisationPolicyRequest__Output } from './SetOrganisationPolicyRequest.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  yunxi: {
    key_management: {
      v1: {
        CreateKeyRequest: MessageTypeDefinition<_yunxi_key_management_v1_CreateKeyRequest, _yunxi_key_management_v1_CreateKeyRequest__Output>
        DecryptRequest: MessageTypeDefinition<_yunxi_key_management_v1_DecryptRequest, _yunxi_key_management_v1_DecryptRequest__Output>
        DecryptResponse: MessageTypeDefinition<_yunxi_key_management_v1_DecryptResponse, _yunxi_key_management_v1_DecryptResponse__Output>
        EncryptRequest: MessageTypeDefinition<_yunxi_key_management_v1_EncryptRequest, _yunxi_key_management_v1_EncryptRequest__Output>
        EncryptResponse: MessageTypeDefinition<_yunxi_key_management_v1_EncryptResponse, _yunxi_key_management_v1_EncryptResponse__Output>
        GenerateDataKeyRequest: MessageTypeDefinition<_yunxi_key_management_v1_GenerateDataKeyRequest, _yunxi_key_management_v1_GenerateDataKeyRequest__Output>
        GenerateDataKeyResponse: MessageTypeDefinition<_yunxi_key_management_v1_GenerateDataKeyResponse, _yunxi_key_management_v1_GenerateDataKeyResponse__Output>
        GetKeyRequest: MessageTypeDefinition<_yunxi_key_management_v1_GetKeyRequest, _yunxi_key_management_v1_GetKeyRequest__Output>
        GetOrganisationPolicyRequest: MessageTypeDefinition<_yunxi_key_management_v1_GetOrganisationPolicyRequest, _yunxi_key_management_v1_GetOrganisationPolicyRequest__Output>
        KeyInfo: MessageTypeDefinition<_yunxi_key_management_v1_KeyInfo, _yunxi_key_management_v1_KeyInfo__Output>
        KeyManagementService: SubtypeConstructor<typeof grpc.Client, _yunxi_key_management_v1_KeyManagementServiceClient> & { service: _yunxi_key_management_v1_KeyManagementServiceDefinition }
        KeyVersionInfo: MessageTypeDefinition<_yunxi_key_management_v1_KeyVersionInfo, _yunxi_key_management_v1_KeyVersionInfo__Output>
        OrganisationPolicy: MessageTypeDefinition<_yunxi_key_management_v1_OrganisationPolicy, _yunxi_key_management_v1_OrganisationPolicy__Output>
        ReWrapRequest: MessageTypeDefinition<_yunxi_key_management_v1_ReWrapRequest, _yunxi_key_management_v1_ReWrapRequest__Output>
        ReWrapResponse: MessageTypeDefinition<_yunxi_key_management_v1_ReWrapResponse, _yunxi_key_management_v1_ReWrapResponse__Output>
        RotateKeyRequest: MessageTypeDefinition<_yunxi_key_management_v1_RotateKeyRequest, _yunxi_key_management_v1_RotateKeyRequest__Output>
        SecurityLevel: EnumTypeDefinition
        SetKeyConfigRequest: MessageTypeDefinition<_yunxi_key_management_v1_SetKeyConfigRequest, _yunxi_key_management_v1_SetKeyConfigRequest__Output>
        SetOrganisationPolicyRequest: MessageTypeDefinition<_yunxi_key_management_v1_SetOrganisationPolicyRequest, _yunxi_key_management_v1_SetOrganisationPolicyRequest__Output>
        Suite: EnumTypeDefinition
      }
    }
  }
}

