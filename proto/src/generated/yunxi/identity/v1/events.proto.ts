import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AccountRegistered as _yunxi_identity_v1_AccountRegistered, AccountRegistered__Output as _yunxi_identity_v1_AccountRegistered__Output } from './AccountRegistered.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  yunxi: {
    identity: {
      v1: {
        AccountRegistered: MessageTypeDefinition<_yunxi_identity_v1_AccountRegistered, _yunxi_identity_v1_AccountRegistered__Output>
      }
    }
  }
}

