// Original file: proto/yunxi/organisation/v1/organisation.proto


export interface Membership {
  'userId'?: (string);
  'organisationId'?: (string);
  'organisationCode'?: (string);
  'organisationName'?: (string);
  'departmentId'?: (string);
  'roles'?: (string)[];
  'displayName'?: (string);
  'joinedAt'?: (string);
}

export interface Membership__Output {
  'userId': (string);
  'organisationId': (string);
  'organisationCode': (string);
  'organisationName': (string);
  'departmentId': (string);
  'roles': (string)[];
  'displayName': (string);
  'joinedAt': (string);
}
