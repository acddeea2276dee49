// Original file: proto/yunxi/organisation/v1/events.proto


export interface MemberRolesChanged {
  'organisationId'?: (string);
  'userId'?: (string);
  'previousRoles'?: (string)[];
  'roles'?: (string)[];
  'changedBy'?: (string);
  'occurredAt'?: (string);
}

export interface MemberRolesChanged__Output {
  'organisationId': (string);
  'userId': (string);
  'previousRoles': (string)[];
  'roles': (string)[];
  'changedBy': (string);
  'occurredAt': (string);
}
