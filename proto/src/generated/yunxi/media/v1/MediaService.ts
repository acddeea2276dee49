// Original file: proto/yunxi/media/v1/media.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CompleteUploadRequest as _yunxi_media_v1_CompleteUploadRequest, CompleteUploadRequest__Output as _yunxi_media_v1_CompleteUploadRequest__Output } from '../../../yunxi/media/v1/CompleteUploadRequest.js';
import type { CreateUploadRequest as _yunxi_media_v1_CreateUploadRequest, CreateUploadRequest__Output as _yunxi_media_v1_CreateUploadRequest__Output } from '../../../yunxi/media/v1/CreateUploadRequest.js';
import type { GetMediaContentRequest as _yunxi_media_v1_GetMediaContentRequest, GetMediaContentRequest__Output as _yunxi_media_v1_GetMediaContentRequest__Output } from '../../../yunxi/media/v1/GetMediaContentRequest.js';
import type { GetMediaRequest as _yunxi_media_v1_GetMediaRequest, GetMediaRequest__Output as _yunxi_media_v1_GetMediaRequest__Output } from '../../../yunxi/media/v1/GetMediaRequest.js';
import type { MediaContentChunk as _yunxi_media_v1_MediaContentChunk, MediaContentChunk__Output as _yunxi_media_v1_MediaContentChunk__Output } from '../../../yunxi/media/v1/MediaContentChunk.js';
import type { MediaItem as _yunxi_media_v1_MediaItem, MediaItem__Output as _yunxi_media_v1_MediaItem__Output } from '../../../yunxi/media/v1/MediaItem.js';
import type { StoreDevicePhotoRequest as _yunxi_media_v1_StoreDevicePhotoRequest, StoreDevicePhotoRequest__Output as _yunxi_media_v1_StoreDevicePhotoRequest__Output } from '../../../yunxi/media/v1/StoreDevicePhotoRequest.js';
import type { Upload as _yunxi_media_v1_Upload, Upload__Output as _yunxi_media_v1_Upload__Output } from '../../../yunxi/media/v1/Upload.js';

export interface MediaServiceClient extends grpc.Client {
  CompleteUpload(argument: _yunxi_media_v1_CompleteUploadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_media_v1_MediaItem__Output>): grpc.ClientUnaryCall;
  CompleteUpload(argument: _yunxi_media_v1_CompleteUploadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_media_v1_MediaItem__Output>): grpc.ClientUnaryCall;
  CompleteUpload(argument: _yunxi_media_v1_CompleteUploadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_media_v1_MediaItem__Output>): grpc.ClientUnaryCall;
  CompleteUpload(argument: _yunxi_media_v1_CompleteUploadRequest, callback: grpc.requestCallback<_yunxi_media_v1_MediaItem__Output>): grpc.ClientUnaryCall;
  completeUpload(argument: _yunxi_media_v1_CompleteUploadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_media_v1_MediaItem__Output>): grpc.ClientUnaryCall;
  completeUpload(argument: _yunxi_media_v1_CompleteUploadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_media_v1_MediaItem__Output>): grpc.ClientUnaryCall;
  completeUpload(argument: _yunxi_media_v1_CompleteUploadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_media_v1_MediaItem__Output>): grpc.ClientUnaryCall;
  completeUpload(argument: _yunxi_media_v1_CompleteUploadRequest, callback: grpc.requestCallback<_yunxi_media_v1_MediaItem__Output>): grpc.ClientUnaryCall;
  
  CreateUpload(argument: _yunxi_media_v1_CreateUploadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_media_v1_Upload__Output>): grpc.ClientUnaryCall;
  CreateUpload(argument: _yunxi_media_v1_CreateUploadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_media_v1_Upload__Output>): grpc.ClientUnaryCall;
  CreateUpload(argument: _yunxi_media_v1_CreateUploadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_media_v1_Upload__Output>): grpc.ClientUnaryCall;
  CreateUpload(argument: _yunxi_media_v1_CreateUploadRequest, callback: grpc.requestCallback<_yunxi_media_v1_Upload__Output>): grpc.ClientUnaryCall;
  createUpload(argument: _yunxi_media_v1_CreateUploadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_media_v1_Upload__Output>): grpc.ClientUnaryCall;
  createUpload(argument: _yunxi_media_v1_CreateUploadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_media_v1_Upload__Output>): grpc.ClientUnaryCall;
  createUpload(argument: _yunxi_media_v1_CreateUploadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_media_v1_Upload__Output>): grpc.ClientUnaryCall;
  createUpload(argument: _yunxi_media_v1_CreateUploadRequest, callback: grpc.requestCallback<_yunxi_media_v1_Upload__Output>): grpc.ClientUnaryCall;
  
  GetMedia(argument: _yunxi_media_v1_GetMediaRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_media_v1_MediaItem__Output>): grpc.ClientUnaryCall;
  GetMedia(argument: _yunxi_media_v1_GetMediaRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_media_v1_MediaItem__Output>): grpc.ClientUnaryCall;
  GetMedia(argument: _yunxi_media_v1_GetMediaRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_media_v1_MediaItem__Output>): grpc.ClientUnaryCall;
  GetMedia(argument: _yunxi_media_v1_GetMediaRequest, callback: grpc.requestCallback<_yunxi_media_v1_MediaItem__Output>): grpc.ClientUnaryCall;
  getMedia(argument: _yunxi_media_v1_GetMediaRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_media_v1_MediaItem__Output>): grpc.ClientUnaryCall;
  getMedia(argument: _yunxi_media_v1_GetMediaRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_media_v1_MediaItem__Output>): grpc.ClientUnaryCall;
  getMedia(argument: _yunxi_media_v1_GetMediaRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_media_v1_MediaItem__Output>): grpc.ClientUnaryCall;
  getMedia(argument: _yunxi_media_v1_GetMediaRequest, callback: grpc.requestCallback<_yunxi_media_v1_MediaItem__Output>): grpc.ClientUnaryCall;
  
  GetMediaContent(argument: _yunxi_media_v1_GetMediaContentRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_yunxi_media_v1_MediaContentChunk__Output>;
  GetMediaContent(argument: _yunxi_media_v1_GetMediaContentRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_yunxi_media_v1_MediaContentChunk__Output>;
  getMediaContent(argument: _yunxi_media_v1_GetMediaContentRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_yunxi_media_v1_MediaContentChunk__Output>;
  getMediaContent(argument: _yunxi_media_v1_GetMediaContentRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_yunxi_media_v1_MediaContentChunk__Output>;
  
  StoreDevicePhoto(argument: _yunxi_media_v1_StoreDevicePhotoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_media_v1_MediaItem__Output>): grpc.ClientUnaryCall;
  StoreDevicePhoto(argument: _yunxi_media_v1_StoreDevicePhotoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_media_v1_MediaItem__Output>): grpc.ClientUnaryCall;
  StoreDevicePhoto(argument: _yunxi_media_v1_StoreDevicePhotoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_media_v1_MediaItem__Output>): grpc.ClientUnaryCall;
  StoreDevicePhoto(argument: _yunxi_media_v1_StoreDevicePhotoRequest, callback: grpc.requestCallback<_yunxi_media_v1_MediaItem__Output>): grpc.ClientUnaryCall;
  storeDevicePhoto(argument: _yunxi_media_v1_StoreDevicePhotoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_media_v1_MediaItem__Output>): grpc.ClientUnaryCall;
  storeDevicePhoto(argument: _yunxi_media_v1_StoreDevicePhotoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_yunxi_media_v1_MediaItem__Output>): grpc.ClientUnaryCall;
  storeDevicePhoto(argument: _yunxi_media_v1_StoreDevicePhotoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_yunxi_media_v1_MediaItem__Output>): grpc.ClientUnaryCall;
  storeDevicePhoto(argument: _yunxi_media_v1_StoreDevicePhotoRequest, callback: grpc.requestCallback<_yunxi_media_v1_MediaItem__Output>): grpc.ClientUnaryCall;
  
}

export interface MediaServiceHandlers extends grpc.UntypedServiceImplementation {
  CompleteUpload: grpc.handleUnaryCall<_yunxi_media_v1_CompleteUploadRequest__Output, _yunxi_media_v1_MediaItem>;
  
  CreateUpload: grpc.handleUnaryCall<_yunxi_media_v1_CreateUploadRequest__Output, _yunxi_media_v1_Upload>;
  
  GetMedia: grpc.handleUnaryCall<_yunxi_media_v1_GetMediaRequest__Output, _yunxi_media_v1_MediaItem>;
  
  GetMediaContent: grpc.handleServerStreamingCall<_yunxi_media_v1_GetMediaContentRequest__Output, _yunxi_media_v1_MediaContentChunk>;
  
  StoreDevicePhoto: grpc.handleUnaryCall<_yunxi_media_v1_StoreDevicePhotoRequest__Output, _yunxi_media_v1_MediaItem>;
  
}

export interface MediaServiceDefinition extends grpc.ServiceDefinition {
  CompleteUpload: MethodDefinition<_yunxi_media_v1_CompleteUploadRequest, _yunxi_media_v1_MediaItem, _yunxi_media_v1_CompleteUploadRequest__Output, _yunxi_media_v1_MediaItem__Output>
  CreateUpload: MethodDefinition<_yunxi_media_v1_CreateUploadRequest, _yunxi_media_v1_Upload, _yunxi_media_v1_CreateUploadRequest__Output, _yunxi_media_v1_Upload__Output>
  GetMedia: MethodDefinition<_yunxi_media_v1_GetMediaRequest, _yunxi_media_v1_MediaItem, _yunxi_media_v1_GetMediaRequest__Output, _yunxi_media_v1_MediaItem__Output>
  GetMediaContent: MethodDefinition<_yunxi_media_v1_GetMediaContentRequest, _yunxi_media_v1_MediaContentChunk, _yunxi_media_v1_GetMediaContentRequest__Output, _yunxi_media_v1_MediaContentChunk__Output>
  StoreDevicePhoto: MethodDefinition<_yunxi_media_v1_StoreDevicePhotoRequest, _yunxi_media_v1_MediaItem, _yunxi_media_v1_StoreDevicePhotoRequest__Output, _yunxi_media_v1_MediaItem__Output>
}
