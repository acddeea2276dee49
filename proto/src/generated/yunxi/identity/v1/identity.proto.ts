import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { GetJwksRequest as _yunxi_identity_v1_GetJwksRequest, GetJwksRequest__Output as _yunxi_identity_v1_GetJwksRequest__Output } from './GetJwksRequest.js';
import type { GetJwksResponse as _yunxi_identity_v1_GetJwksResponse, GetJwksResponse__Output as _yunxi_identity_v1_GetJwksResponse__Output } from './GetJwksResponse.js';
import type { IdentityServiceClient as _yunxi_identity_v1_IdentityServiceClient, IdentityServiceDefinition as _yunxi_identity_v1_IdentityServiceDefinition } from './IdentityService.js';
import type { LoginRequest as _yunxi_identity_v1_LoginRequest, LoginRequest__Output as _yunxi_identity_v1_LoginRequest__Output } from './LoginRequest.js';
import type { MembershipSummary as _yunxi_identity_v1_MembershipSummary, MembershipSummary__Output as _yunxi_identity_v1_MembershipSummary__Output } from './MembershipSummary.js';
import type { RegisterRequest as _yunxi_identity_v1_RegisterRequest, RegisterRequest__Output as _yunxi_identity_v1_RegisterRequest__Output } from './RegisterRequest.js';
import type { RequestSmsCodeRequest as _yunxi_identity_v1_RequestSmsCodeRequest, RequestSmsCodeRequest__Output as _yunxi_identity_v1_RequestSmsCodeRequest__Output } from './RequestSmsCodeRequest.js';
import type { RequestSmsCodeResponse as _yunxi_identity_v1_RequestSmsCodeResponse, RequestSmsCodeResponse__Output as _yunxi_identity_v1_RequestSmsCodeResponse__Output } from './RequestSmsCodeResponse.js';
import type { SwitchOrganisationRequest as _yunxi_identity_v1_SwitchOrganisationRequest, SwitchOrganisationRequest__Output as _yunxi_identity_v1_SwitchOrganisationRequest__Output } from './SwitchOrganisationRequest.js';
import type { TokenResponse as _yunxi_identity_v1_TokenResponse, TokenResponse__Output as _yunxi_identity_v1_TokenResponse__Output } from './TokenResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  yunxi: {
    identity: {
      v1: {
        GetJwksRequest: MessageTypeDefinition<_yunxi_identity_v1_GetJwksRequest, _yunxi_identity_v1_GetJwksRequest__Output>
        GetJwksResponse: MessageTypeDefinition<_yunxi_identity_v1_GetJwksResponse, _yunxi_identity_v1_GetJwksResponse__Output>
        IdentityService: SubtypeConstructor<typeof grpc.Client, _yunxi_identity_v1_IdentityServiceClient> & { service: _yunxi_identity_v1_IdentityServiceDefinition }
        LoginRequest: MessageTypeDefinition<_yunxi_identity_v1_LoginRequest, _yunxi_identity_v1_LoginRequest__Output>
        MembershipSummary: MessageTypeDefinition<_yunxi_identity_v1_MembershipSummary, _yunxi_identity_v1_MembershipSummary__Output>
        RegisterRequest: MessageTypeDefinition<_yunxi_identity_v1_RegisterRequest, _yunxi_identity_v1_RegisterRequest__Output>
        RequestSmsCodeRequest: MessageTypeDefinition<_yunxi_identity_v1_RequestSmsCodeRequest, _yunxi_identity_v1_RequestSmsCodeRequest__Output>
        RequestSmsCodeResponse: MessageTypeDefinition<_yunxi_identity_v1_RequestSmsCodeResponse, _yunxi_identity_v1_RequestSmsCodeResponse__Output>
        SwitchOrganisationRequest: MessageTypeDefinition<_yunxi_identity_v1_SwitchOrganisationRequest, _yunxi_identity_v1_SwitchOrganisationRequest__Output>
        TokenResponse: MessageTypeDefinition<_yunxi_identity_v1_TokenResponse, _yunxi_identity_v1_TokenResponse__Output>
      }
    }
  }
}

