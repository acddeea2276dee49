import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { KeyOperationEvent as _yunxi_key_management_v1_KeyOperationEvent, KeyOperationEvent__Output as _yunxi_key_management_v1_KeyOperationEvent__Output } from './KeyOperationEvent.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  yunxi: {
    key_management: {
      v1: {
        KeyOperationEvent: MessageTypeDefinition<_yunxi_key_management_v1_KeyOperationEvent, _yunxi_key_management_v1_KeyOperationEvent__Output>
      }
    }
  }
}

