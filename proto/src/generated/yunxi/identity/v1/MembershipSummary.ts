// Original file: proto/yunxi/identity/v1/identity.proto


export interface MembershipSummary {
  'organisationId'?: (string);
  'organisationCode'?: (string);
  'organisationName'?: (string);
  'roles'?: (string)[];
}

export interface MembershipSummary__Output {
  'organisationId': (string);
  'organisationCode': (string);
  'organisationName': (string);
  'roles': (string)[];
}
