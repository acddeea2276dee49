// Original file: proto/yunxi/organisation/v1/organisation.proto


export interface UpdateOrganisationRequest {
  'name'?: (string);
  'description'?: (string);
  '_name'?: "name";
  '_description'?: "description";
}

export interface UpdateOrganisationRequest__Output {
  'name'?: (string);
  'description'?: (string);
  '_name'?: "name";
  '_description'?: "description";
}
