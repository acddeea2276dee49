import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CheckpointCreated as _yunxi_audit_v1_CheckpointCreated, CheckpointCreated__Output as _yunxi_audit_v1_CheckpointCreated__Output } from './CheckpointCreated.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  yunxi: {
    audit: {
      v1: {
        CheckpointCreated: MessageTypeDefinition<_yunxi_audit_v1_CheckpointCreated, _yunxi_audit_v1_CheckpointCreated__Output>
      }
    }
  }
}

