import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Application as _yunxi_approval_v1_Application, Application__Output as _yunxi_approval_v1_Application__Output } from './Application.js';
import type { ApplicationActionRequest as _yunxi_approval_v1_ApplicationActionRequest, ApplicationActionRequest__Output as _yunxi_approval_v1_ApplicationActionRequest__Output } from './ApplicationActionRequest.js';
import type { ApprovalServiceClient as _yunxi_approval_v1_ApprovalServiceClient, ApprovalServiceDefinition as _yunxi_approval_v1_ApprovalServiceDefinition } from './ApprovalService.js';
import type { ApprovalStep as _yunxi_approval_v1_ApprovalStep, ApprovalStep__Output as _yunxi_approval_v1_ApprovalStep__Output } from './ApprovalStep.js';
import type { BindSealDeviceRequest as _yunxi_approval_v1_BindSealDeviceRequest, BindSealDeviceRequest__Output as _yunxi_approval_v1_BindSealDeviceRequest__Output } from './BindSealDeviceRequest.js';
import type { CreateApplicationRequest as _yunxi_approval_v1_CreateApplicationRequest, CreateApplicationRequest__Output as _yunxi_approval_v1_CreateApplicationRequest__Output } from './CreateApplicationRequest.js';
import type { CreateSealRequest as _yunxi_approval_v1_CreateSealRequest, CreateSealRequest__Output as _yunxi_approval_v1_CreateSealRequest__Output } from './CreateSealRequest.js';
import type { DecideApplicationRequest as _yunxi_approval_v1_DecideApplicationRequest, DecideApplicationRequest__Output as _yunxi_approval_v1_DecideApplicationRequest__Output } from './DecideApplicationRequest.js';
import type { Decision as _yunxi_approval_v1_Decision, Decision__Output as _yunxi_approval_v1_Decision__Output } from './Decision.js';
import type { DocumentRef as _yunxi_approval_v1_DocumentRef, DocumentRef__Output as _yunxi_approval_v1_DocumentRef__Output } from './DocumentRef.js';
import type { ElectronicSeal as _yunxi_approval_v1_ElectronicSeal, ElectronicSeal__Output as _yunxi_approval_v1_ElectronicSeal__Output } from './ElectronicSeal.js';
import type { GetApplicationRequest as _yunxi_approval_v1_GetApplicationRequest, GetApplicationRequest__Output as _yunxi_approval_v1_GetApplicationRequest__Output } from './GetApplicationRequest.js';
import type { GetSealRequest as _yunxi_approval_v1_GetSealRequest, GetSealRequest__Output as _yunxi_approval_v1_GetSealRequest__Output } from './GetSealRequest.js';
import type { ListApplicationsRequest as _yunxi_approval_v1_ListApplicationsRequest, ListApplicationsRequest__Output as _yunxi_approval_v1_ListApplicationsRequest__Output } from './ListApplicationsRequest.js';
import type { ListApplicationsResponse as _yunxi_approval_v1_ListApplicationsResponse, ListApplicationsResponse__Output as _yunxi_approval_v1_ListApplicationsResponse__Output } from './ListApplicationsResponse.js';
import type { ListSealsRequest as _yunxi_approval_v1_ListSealsRequest, ListSealsRequest__Output as _yunxi_approval_v1_ListSealsRequest__Output } from './ListSealsRequest.js';
import type { ListSealsResponse as _yunxi_approval_v1_ListSealsResponse, ListSealsResponse__Output as _yunxi_approval_v1_ListSealsResponse__Output } from './ListSealsResponse.js';
import type { PhysicalSeal as _yunxi_approval_v1_PhysicalSeal, PhysicalSeal__Output as _yunxi_approval_v1_PhysicalSeal__Output } from './PhysicalSeal.js';
import type { Seal as _yunxi_approval_v1_Seal, Seal__Output as _yunxi_approval_v1_Seal__Output } from './Seal.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  yunxi: {
    approval: {
      v1: {
        Application: MessageTypeDefinition<_yunxi_approval_v1_Application, _yunxi_approval_v1_Application__Output>
        ApplicationActionRequest: MessageTypeDefinition<_yunxi_approval_v1_ApplicationActionRequest, _yunxi_approval_v1_ApplicationActionRequest__Output>
        ApprovalService: SubtypeConstructor<typeof grpc.Client, _yunxi_approval_v1_ApprovalServiceClient> & { service: _yunxi_approval_v1_ApprovalServiceDefinition }
        ApprovalStep: MessageTypeDefinition<_yunxi_approval_v1_ApprovalStep, _yunxi_approval_v1_ApprovalStep__Output>
        BindSealDeviceRequest: MessageTypeDefinition<_yunxi_approval_v1_BindSealDeviceRequest, _yunxi_approval_v1_BindSealDeviceRequest__Output>
        CreateApplicationRequest: MessageTypeDefinition<_yunxi_approval_v1_CreateApplicationRequest, _yunxi_approval_v1_CreateApplicationRequest__Output>
        CreateSealRequest: MessageTypeDefinition<_yunxi_approval_v1_CreateSealRequest, _yunxi_approval_v1_CreateSealRequest__Output>
        DecideApplicationRequest: MessageTypeDefinition<_yunxi_approval_v1_DecideApplicationRequest, _yunxi_approval_v1_DecideApplicationRequest__Output>
        Decision: MessageTypeDefinition<_yunxi_approval_v1_Decision, _yunxi_approval_v1_Decision__Output>
        DocumentRef: MessageTypeDefinition<_yunxi_approval_v1_DocumentRef, _yunxi_approval_v1_DocumentRef__Output>
        ElectronicSeal: MessageTypeDefinition<_yunxi_approval_v1_ElectronicSeal, _yunxi_approval_v1_ElectronicSeal__Output>
        GetApplicationRequest: MessageTypeDefinition<_yunxi_approval_v1_GetApplicationRequest, _yunxi_approval_v1_GetApplicationRequest__Output>
        GetSealRequest: MessageTypeDefinition<_yunxi_approval_v1_GetSealRequest, _yunxi_approval_v1_GetSealRequest__Output>
        ListApplicationsRequest: MessageTypeDefinition<_yunxi_approval_v1_ListApplicationsRequest, _yunxi_approval_v1_ListApplicationsRequest__Output>
        ListApplicationsResponse: MessageTypeDefinition<_yunxi_approval_v1_ListApplicationsResponse, _yunxi_approval_v1_ListApplicationsResponse__Output>
        ListSealsRequest: MessageTypeDefinition<_yunxi_approval_v1_ListSealsRequest, _yunxi_approval_v1_ListSealsRequest__Output>
        ListSealsResponse: MessageTypeDefinition<_yunxi_approval_v1_ListSealsResponse, _yunxi_approval_v1_ListSealsResponse__Output>
        PhysicalSeal: MessageTypeDefinition<_yunxi_approval_v1_PhysicalSeal, _yunxi_approval_v1_PhysicalSeal__Output>
        Seal: MessageTypeDefinition<_yunxi_approval_v1_Seal, _yunxi_approval_v1_Seal__Output>
      }
    }
  }
}

