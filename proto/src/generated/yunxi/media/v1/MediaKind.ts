// Original file: proto/yunxi/media/v1/media.proto

export const MediaKind = {
  MEDIA_KIND_UNSPECIFIED: 'MEDIA_KIND_UNSPECIFIED',
  MEDIA_KIND_PHOTO: 'MEDIA_KIND_PHOTO',
  MEDIA_KIND_VIDEO: 'MEDIA_KIND_VIDEO',
  MEDIA_KIND_DOCUMENT: 'MEDIA_KIND_DOCUMENT',
  MEDIA_KIND_AUDIT_CAPTURE: 'MEDIA_KIND_AUDIT_CAPTURE',
} as const;

export type MediaKind =
  | 'MEDIA_KIND_UNSPECIFIED'
  | 0
  | 'MEDIA_KIND_PHOTO'
  | 1
  | 'MEDIA_KIND_VIDEO'
  | 2
  | 'MEDIA_KIND_DOCUMENT'
  | 3
  | 'MEDIA_KIND_AUDIT_CAPTURE'
  | 4

export type MediaKind__Output = typeof MediaKind[keyof typeof MediaKind]
