import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ApplicationApproved as _yunxi_approval_v1_ApplicationApproved, ApplicationApproved__Output as _yunxi_approval_v1_ApplicationApproved__Output } from './ApplicationApproved.js';
import type { ApplicationRejected as _yunxi_approval_v1_ApplicationRejected, ApplicationRejected__Output as _yunxi_approval_v1_ApplicationRejected__Output } from './ApplicationRejected.js';
import type { ApplicationSubmitted as _yunxi_approval_v1_ApplicationSubmitted, ApplicationSubmitted__Output as _yunxi_approval_v1_ApplicationSubmitted__Output } from './ApplicationSubmitted.js';
import type { ApplicationWithdrawn as _yunxi_approval_v1_ApplicationWithdrawn, ApplicationWithdrawn__Output as _yunxi_approval_v1_ApplicationWithdrawn__Output } from './ApplicationWithdrawn.js';
import type { EventDocumentRef as _yunxi_approval_v1_EventDocumentRef, EventDocumentRef__Output as _yunxi_approval_v1_EventDocumentRef__Output } from './EventDocumentRef.js';
import type { SealBound as _yunxi_approval_v1_SealBound, SealBound__Output as _yunxi_approval_v1_SealBound__Output } from './SealBound.js';
import type { SealUnbound as _yunxi_approval_v1_SealUnbound, SealUnbound__Output as _yunxi_approval_v1_SealUnbound__Output } from './SealUnbound.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  yunxi: {
    approval: {
      v1: {
        ApplicationApproved: MessageTypeDefinition<_yunxi_approval_v1_ApplicationApproved, _yunxi_approval_v1_ApplicationApproved__Output>
        ApplicationRejected: MessageTypeDefinition<_yunxi_approval_v1_ApplicationRejected, _yunxi_approval_v1_ApplicationRejected__Output>
        ApplicationSubmitted: MessageTypeDefinition<_yunxi_approval_v1_ApplicationSubmitted, _yunxi_approval_v1_ApplicationSubmitted__Output>
        ApplicationWithdrawn: MessageTypeDefinition<_yunxi_approval_v1_ApplicationWithdrawn, _yunxi_approval_v1_ApplicationWithdrawn__Output>
        EventDocumentRef: MessageTypeDefinition<_yunxi_approval_v1_EventDocumentRef, _yunxi_approval_v1_EventDocumentRef__Output>
        SealBound: MessageTypeDefinition<_yunxi_approval_v1_SealBound, _yunxi_approval_v1_SealBound__Output>
        SealUnbound: MessageTypeDefinition<_yunxi_approval_v1_SealUnbound, _yunxi_approval_v1_SealUnbound__Output>
      }
    }
  }
}

