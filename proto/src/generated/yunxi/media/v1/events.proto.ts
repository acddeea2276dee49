import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { MediaAccessed as _yunxi_media_v1_MediaAccessed, MediaAccessed__Output as _yunxi_media_v1_MediaAccessed__Output } from './MediaAccessed.js';
import type { MediaStored as _yunxi_media_v1_MediaStored, MediaStored__Output as _yunxi_media_v1_MediaStored__Output } from './MediaStored.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  yunxi: {
    media: {
      v1: {
        MediaAccessed: MessageTypeDefinition<_yunxi_media_v1_MediaAccessed, _yunxi_media_v1_MediaAccessed__Output>
        MediaStored: MessageTypeDefinition<_yunxi_media_v1_MediaStored, _yunxi_media_v1_MediaStored__Output>
      }
    }
  }
}

