// Original file: proto/yunxi/identity/v1/identity.proto


export interface RegisterRequest {
  'mobile'?: (string);
  'smsCode'?: (string);
  'password'?: (string);
  'displayName'?: (string);
  'organisationCode'?: (string);
  'newOrganisationName'?: (string);
  'newOrganisationCode'?: (string);
  'organisation'?: "organisationCode"|"newOrganisationName";
}

export interface RegisterRequest__Output {
  'mobile': (string);
  'smsCode': (string);
  'password': (string);
  'displayName': (string);
  'organisationCode'?: (string);
  'newOrganisationName'?: (string);
  'newOrganisationCode': (string);
  'organisation'?: "organisationCode"|"newOrganisationName";
}
