// Original file: proto/yunxi/key_management/v1/events.proto


export interface KeyOperationEvent {
  'operation'?: (string);
  'outcome'?: (string);
  'actor'?: (string);
  'organisationId'?: (string);
  'keyName'?: (string);
  'keyVersion'?: (number);
  'securityLevel'?: (string);
  'qkdKeyIds'?: (string)[];
  'path'?: (string)[];
  'detail'?: (string);
  'occurredAt'?: (string);
}

export interface KeyOperationEvent__Output {
  'operation': (string);
  'outcome': (string);
  'actor': (string);
  'organisationId': (string);
  'keyName': (string);
  'keyVersion': (number);
  'securityLevel': (string);
  'qkdKeyIds': (string)[];
  'path': (string)[];
  'detail': (string);
  'occurredAt': (string);
}
