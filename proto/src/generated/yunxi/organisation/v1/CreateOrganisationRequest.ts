// Original file: proto/yunxi/organisation/v1/organisation.proto


export interface CreateOrganisationRequest {
  'name'?: (string);
  'code'?: (string);
  'founderUserId'?: (string);
  'founderDisplayName'?: (string);
  'description'?: (string);
}

export interface CreateOrganisationRequest__Output {
  'name': (string);
  'code': (string);
  'founderUserId': (string);
  'founderDisplayName': (string);
  'description': (string);
}
