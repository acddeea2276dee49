import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { CompleteUploadRequest as _yunxi_media_v1_CompleteUploadRequest, CompleteUploadRequest__Output as _yunxi_media_v1_CompleteUploadRequest__Output } from './CompleteUploadRequest.js';
import type { CreateUploadRequest as _yunxi_media_v1_CreateUploadRequest, CreateUploadRequest__Output as _yunxi_media_v1_CreateUploadRequest__Output } from './CreateUploadRequest.js';
import type { GetMediaContentRequest as _yunxi_media_v1_GetMediaContentRequest, GetMediaContentRequest__Output as _yunxi_media_v1_GetMediaContentRequest__Output } from './GetMediaContentRequest.js';
import type { GetMediaRequest as _yunxi_media_v1_GetMediaRequest, GetMediaRequest__Output as _yunxi_media_v1_GetMediaRequest__Output } from './GetMediaRequest.js';
import type { MediaContentChunk as _yunxi_media_v1_MediaContentChunk, MediaContentChunk__Output as _yunxi_media_v1_MediaContentChunk__Output } from './MediaContentChunk.js';
import type { MediaItem as _yunxi_media_v1_MediaItem, MediaItem__Output as _yunxi_media_v1_MediaItem__Output } from './MediaItem.js';
import type { MediaOwner as _yunxi_media_v1_MediaOwner, MediaOwner__Output as _yunxi_media_v1_MediaOwner__Output } from './MediaOwner.js';
import type { MediaServiceClient as _yunxi_media_v1_MediaServiceClient, MediaServiceDefinition as _yunxi_media_v1_MediaServiceDefinition } from './MediaService.js';
import type { StoreDevicePhotoRequest as _yunxi_media_v1_StoreDevicePhotoRequest, StoreDevicePhotoRequest__Output as _yunxi_media_v1_StoreDevicePhotoRequest__Output } from './StoreDevicePhotoRequest.js';
import type { Upload as _yunxi_media_v1_Upload, Upload__Output as _yunxi_media_v1_Upload__Output } from './Upload.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  yunxi: {
    media: {
      v1: {
        CompleteUploadRequest: MessageTypeDefinition<_yunxi_media_v1_CompleteUploadRequest, _yunxi_media_v1_CompleteUploadRequest__Output>
        CreateUploadRequest: MessageTypeDefinition<_yunxi_media_v1_CreateUploadRequest, _yunxi_media_v1_CreateUploadRequest__Output>
        GetMediaContentRequest: MessageTypeDefinition<_yunxi_media_v1_GetMediaContentRequest, _yunxi_media_v1_GetMediaContentRequest__Output>
        GetMediaRequest: MessageTypeDefinition<_yunxi_media_v1_GetMediaRequest, _yunxi_media_v1_GetMediaRequest__Output>
        MediaContentChunk: MessageTypeDefinition<_yunxi_media_v1_MediaContentChunk, _yunxi_media_v1_MediaContentChunk__Output>
        MediaItem: MessageTypeDefinition<_yunxi_media_v1_MediaItem, _yunxi_media_v1_MediaItem__Output>
        MediaKind: EnumTypeDefinition
        MediaOwner: MessageTypeDefinition<_yunxi_media_v1_MediaOwner, _yunxi_media_v1_MediaOwner__Output>
        MediaService: SubtypeConstructor<typeof grpc.Client, _yunxi_media_v1_MediaServiceClient> & { service: _yunxi_media_v1_MediaServiceDefinition }
        StoreDevicePhotoRequest: MessageTypeDefinition<_yunxi_media_v1_StoreDevicePhotoRequest, _yunxi_media_v1_StoreDevicePhotoRequest__Output>
        Upload: MessageTypeDefinition<_yunxi_media_v1_Upload, _yunxi_media_v1_Upload__Output>
      }
    }
  }
}

