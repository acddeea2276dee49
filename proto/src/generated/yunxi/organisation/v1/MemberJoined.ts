// Original file: proto/yunxi/organisation/v1/events.proto


export interface MemberJoined {
  'organisationId'?: (string);
  'userId'?: (string);
  'roles'?: (string)[];
  'occurredAt'?: (string);
}

export interface MemberJoined__Output {
  'organisationId': (string);
  'userId': (string);
  'roles': (string)[];
  'occurredAt': (string);
}
