// Original file: proto/yunxi/identity/v1/identity.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetJwksRequest as _yunxi_identity_v1_GetJwksRequest, GetJwksRequest__Output as _yunxi_identity_v1_GetJwksRequest__Output } from '../../../yunxi/identity/v1/GetJwksRequest.js';
import type { GetJwksResponse as _yunxi_identity_v1_GetJwksResponse, GetJwksResponse__Output as _yunxi_identity_v1_GetJwksResponse__Output } from '../../../yunxi/identity/v1/GetJwksResponse.js';
import type { LoginRequest as _yunxi_identity_v1_LoginRequest, LoginRequest__Output as _yunxi_identity_v1_LoginRequest__Output } from '../../../yunxi/identity/v1/LoginRequest.js';
import type { RegisterRequest as _yunxi_identity_v1_RegisterRequest, RegisterRequest__Output as _yunxi_identity_v1_RegisterRequest__Output } from '../../../yunxi/identity/v1/RegisterRequest.js';
import type { RequestSmsCodeRequest as _yunxi_identity_v1_RequestSmsCodeRequest, RequestSmsCodeRequest__Output as _yunxi_identity_v1_RequestSmsCodeRequest__Output } from '../../../yunxi/identity/v1/RequestSmsCodeRequest.js';
import type { RequestSmsCodeResponse as _yunxi_identity_v1_RequestSmsCodeResponse, RequestSmsCodeResponse__Output as _yunxi_identity_v1_RequestSmsCodeResponse__Output } from '../../../yunxi/identity/v1/RequestSmsCodeResponse.js';
import type { SwitchOrganisationRequest as _yunxi_identity_v1_SwitchOrganisationRequest, SwitchOrganisationRequest__Output as _yunxi_identity_v1_SwitchOrganisationRequest__Output } from '../../../yunxi/identity/v1/SwitchOrganisationRequest.js';
import type { TokenResponse as _yunxi_identity_v1_TokenResponse, TokenResponse__Output as _yunxi_identity_v1_TokenResponse__Output } from '../../../yunxi/identity/v1/TokenResponse.js';

export interface IdentityServiceClient extends grpc.Client {
  GetJwks(argument: _yunxi_identity_v1_GetJwksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_identity_v1_GetJwksResponse__Output>): grpc.ClientUnaryCall;
  GetJwks(argument: _yunxi_identity_v1_GetJwksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_identity_v1_GetJwksResponse__Output>): grpc.ClientUnaryCall;
  GetJwks(argument: _yunxi_identity_v1_GetJwksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_identity_v1_GetJwksResponse__Output>): grpc.ClientUnaryCall;
  GetJwks(argument: _yunxi_identity_v1_GetJwksRequest, callback: grpc.requestCallback<_yunxi_identity_v1_GetJwksResponse__Output>): grpc.ClientUnaryCall;
  getJwks(argument: _yunxi_identity_v1_GetJwksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_identity_v1_GetJwksResponse__Output>): grpc.ClientUnaryCall;
  getJwks(argument: _yunxi_identity_v1_GetJwksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_identity_v1_GetJwksResponse__Output>): grpc.ClientUnaryCall;
  getJwks(argument: _yunxi_identity_v1_GetJwksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_identity_v1_GetJwksResponse__Output>): grpc.ClientUnaryCall;
  getJwks(argument: _yunxi_identity_v1_GetJwksRequest, callback: grpc.requestCallback<_yunxi_identity_v1_GetJwksResponse__Output>): grpc.ClientUnaryCall;
  
  Login(argument: _yunxi_identity_v1_LoginRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_identity_v1_TokenResponse__Output>): grpc.ClientUnaryCall;
  Login(argument: _yunxi_identity_v1_LoginRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_identity_v1_TokenResponse__Output>): grpc.ClientUnaryCall;
  Login(argument: _yunxi_identity_v1_LoginRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_identity_v1_TokenResponse__Output>): grpc.ClientUnaryCall;
  Login(argument: _yunxi_identity_v1_LoginRequest, callback: grpc.requestCallback<_yunxi_identity_v1_TokenResponse__Output>): grpc.ClientUnaryCall;
  login(argument: _yunxi_identity_v1_LoginRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_identity_v1_TokenResponse__Output>): grpc.ClientUnaryCall;
  login(argument: _yunxi_identity_v1_LoginRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_identity_v1_TokenResponse__Output>): grpc.ClientUnaryCall;
  login(argument: _yunxi_identity_v1_LoginRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_identity_v1_TokenResponse__Output>): grpc.ClientUnaryCall;
  login(argument: _yunxi_identity_v1_LoginRequest, callback: grpc.requestCallback<_yunxi_identity_v1_TokenResponse__Output>): grpc.ClientUnaryCall;
  
  Register(argument: _yunxi_identity_v1_RegisterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_identity_v1_TokenResponse__Output>): grpc.ClientUnaryCall;
  Register(argument: _yunxi_identity_v1_RegisterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_identity_v1_TokenResponse__Output>): grpc.ClientUnaryCall;
  Register(argument: _yunxi_identity_v1_RegisterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_identity_v1_TokenResponse__Output>): grpc.ClientUnaryCall;
  Register(argument: _yunxi_identity_v1_RegisterRequest, callback: grpc.requestCallback<_yunxi_identity_v1_TokenResponse__Output>): grpc.ClientUnaryCall;
  register(argument: _yunxi_identity_v1_RegisterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_identity_v1_TokenResponse__Output>): grpc.ClientUnaryCall;
  register(argument: _yunxi_identity_v1_RegisterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_identity_v1_TokenResponse__Output>): grpc.ClientUnaryCall;
  register(argument: _yunxi_identity_v1_RegisterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_identity_v1_TokenResponse__Output>): grpc.ClientUnaryCall;
  register(argument: _yunxi_identity_v1_RegisterRequest, callback: grpc.requestCallback<_yunxi_identity_v1_TokenResponse__Output>): grpc.ClientUnaryCall;
  
  RequestSmsCode(argument: _yunxi_identity_v1_RequestSmsCodeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_identity_v1_RequestSmsCodeResponse__Output>): grpc.ClientUnaryCall;
  RequestSmsCode(argument: _yunxi_identity_v1_RequestSmsCodeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_identity_v1_RequestSmsCodeResponse__Output>): grpc.ClientUnaryCall;
  RequestSmsCode(argument: _yunxi_identity_v1_RequestSmsCodeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_identity_v1_RequestSmsCodeResponse__Output>): grpc.ClientUnaryCall;
  RequestSmsCode(argument: _yunxi_identity_v1_RequestSmsCodeRequest, callback: grpc.requestCallback<_yunxi_identity_v1_RequestSmsCodeResponse__Output>): grpc.ClientUnaryCall;
  requestSmsCode(argument: _yunxi_identity_v1_RequestSmsCodeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_identity_v1_RequestSmsCodeResponse__Output>): grpc.ClientUnaryCall;
  requestSmsCode(argument: _yunxi_identity_v1_RequestSmsCodeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_identity_v1_RequestSmsCodeResponse__Output>): grpc.ClientUnaryCall;
  requestSmsCode(argument: _yunxi_identity_v1_RequestSmsCodeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_identity_v1_RequestSmsCodeResponse__Output>): grpc.ClientUnaryCall;
  requestSmsCode(argument: _yunxi_identity_v1_RequestSmsCodeRequest, callback: grpc.requestCallback<_yunxi_identity_v1_RequestSmsCodeResponse__Output>): grpc.ClientUnaryCall;
  
  SwitchOrganisation(argument: _yunxi_identity_v1_SwitchOrganisationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_identity_v1_TokenResponse__Output>): grpc.ClientUnaryCall;
  SwitchOrganisation(argument: _yunxi_identity_v1_SwitchOrganisationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_identity_v1_TokenResponse__Output>): grpc.ClientUnaryCall;
  SwitchOrganisation(argument: _yunxi_identity_v1_SwitchOrganisationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_identity_v1_TokenResponse__Output>): grpc.ClientUnaryCall;
  SwitchOrganisation(argument: _yunxi_identity_v1_SwitchOrganisationRequest, callback: grpc.requestCallback<_yunxi_identity_v1_TokenResponse__Output>): grpc.ClientUnaryCall;
  switchOrganisation(argument: _yunxi_identity_v1_SwitchOrganisationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_identity_v1_TokenResponse__Output>): grpc.ClientUnaryCall;
  switchOrganisation(argument: _yunxi_identity_v1_SwitchOrganisationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_identity_v1_TokenResponse__Output>): grpc.ClientUnaryCall;
  switchOrganisation(argument: _yunxi_identity_v1_SwitchOrganisationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_identity_v1_TokenResponse__Output>): grpc.ClientUnaryCall;
  switchOrganisation(argument: _yunxi_identity_v1_SwitchOrganisationRequest, callback: grpc.requestCallback<_yunxi_identity_v1_TokenResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface IdentityServiceHandlers extends grpc.UntypedServiceImplementation {
  GetJwks: grpc.handleUnaryCall<_yunxi_identity_v1_GetJwksRequest__Output, _yunxi_identity_v1_GetJwksResponse>;
  
  Login: grpc.handleUnaryCall<_yunxi_identity_v1_LoginRequest__Output, _yunxi_identity_v1_TokenResponse>;
  
  Register: grpc.handleUnaryCall<_yunxi_identity_v1_RegisterRequest__Output, _yunxi_identity_v1_TokenResponse>;
  
  RequestSmsCode: grpc.handleUnaryCall<_yunxi_identity_v1_RequestSmsCodeRequest__Output, _yunxi_identity_v1_RequestSmsCodeResponse>;
  
  SwitchOrganisation: grpc.handleUnaryCall<_yunxi_identity_v1_SwitchOrganisationRequest__Output, _yunxi_identity_v1_TokenResponse>;
  
}

export interface IdentityServiceDefinition extends grpc.ServiceDefinition {
  GetJwks: MethodDefinition<_yunxi_identity_v1_GetJwksRequest, _yunxi_identity_v1_GetJwksResponse, _yunxi_identity_v1_GetJwksRequest__Output, _yunxi_identity_v1_GetJwksResponse__Output>
  Login: MethodDefinition<_yunxi_identity_v1_LoginRequest, _yunxi_identity_v1_TokenResponse, _yunxi_identity_v1_LoginRequest__Output, _yunxi_identity_v1_TokenResponse__Output>
  Register: MethodDefinition<_yunxi_identity_v1_RegisterRequest, _yunxi_identity_v1_TokenResponse, _yunxi_identity_v1_RegisterRequest__Output, _yunxi_identity_v1_TokenResponse__Output>
  RequestSmsCode: MethodDefinition<_yunxi_identity_v1_RequestSmsCodeRequest, _yunxi_identity_v1_RequestSmsCodeResponse, _yunxi_identity_v1_RequestSmsCodeRequest__Output, _yunxi_identity_v1_RequestSmsCodeResponse__Output>
  SwitchOrganisation: MethodDefinition<_yunxi_identity_v1_SwitchOrganisationRequest, _yunxi_identity_v1_TokenResponse, _yunxi_identity_v1_SwitchOrganisationRequest__Output, _yunxi_identity_v1_TokenResponse__Output>
}
