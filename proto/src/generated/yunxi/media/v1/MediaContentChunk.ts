// Original file: proto/yunxi/media/v1/media.proto

import type { MediaItem as _yunxi_media_v1_MediaItem, MediaItem__Output as _yunxi_media_v1_MediaItem__Output } from '../../../yunxi/media/v1/MediaItem.js';

export interface MediaContentChunk {
  'item'?: (_yunxi_media_v1_MediaItem | null);
  'data'?: (Buffer | Uint8Array | string);
}

export interface MediaContentChunk__Output {
  'item': (_yunxi_media_v1_MediaItem__Output | null);
  'data': (Buffer);
}
