// Original file: proto/yunxi/organisation/v1/organisation.proto


export interface JoinOrganisationRequest {
  'organisationCode'?: (string);
  'userId'?: (string);
  'displayName'?: (string);
}

export interface JoinOrganisationRequest__Output {
  'organisationCode': (string);
  'userId': (string);
  'displayName': (string);
}
