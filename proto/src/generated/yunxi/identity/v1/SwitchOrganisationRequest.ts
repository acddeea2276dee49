// Original file: proto/yunxi/identity/v1/identity.proto


export interface SwitchOrganisationRequest {
  'organisationId'?: (string);
}

export interface SwitchOrganisationRequest__Output {
  'organisationId': (string);
}
