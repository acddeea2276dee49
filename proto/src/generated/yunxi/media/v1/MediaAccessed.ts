// Original file: proto/yunxi/media/v1/events.proto


export interface MediaAccessed {
  'accessId'?: (string);
  'mediaId'?: (string);
  'organisationId'?: (string);
  'accessedBy'?: (string);
  'purpose'?: (string);
  'occurredAt'?: (string);
}

export interface MediaAccessed__Output {
  'accessId': (string);
  'mediaId': (string);
  'organisationId': (string);
  'accessedBy': (string);
  'purpose': (string);
  'occurredAt': (string);
}
