// Original file: proto/yunxi/media/v1/media.proto

import type { MediaKind as _yunxi_media_v1_MediaKind, MediaKind__Output as _yunxi_media_v1_MediaKind__Output } from '../../../yunxi/media/v1/MediaKind.js';
import type { MediaOwner as _yunxi_media_v1_MediaOwner, MediaOwner__Output as _yunxi_media_v1_MediaOwner__Output } from '../../../yunxi/media/v1/MediaOwner.js';
import type { Long } from '@grpc/proto-loader';

export interface CreateUploadRequest {
  'kind'?: (_yunxi_media_v1_MediaKind);
  'contentType'?: (string);
  'size'?: (number | string | Long);
  'sha256'?: (string);
  'owner'?: (_yunxi_media_v1_MediaOwner | null);
  'applicationId'?: (string);
  'impressionSequence'?: (number | string | Long);
}

export interface CreateUploadRequest__Output {
  'kind': (_yunxi_media_v1_MediaKind__Output);
  'contentType': (string);
  'size': (string);
  'sha256': (string);
  'owner': (_yunxi_media_v1_MediaOwner__Output | null);
  'applicationId': (string);
  'impressionSequence': (string);
}
