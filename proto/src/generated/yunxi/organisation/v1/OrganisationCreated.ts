// Original file: proto/yunxi/organisation/v1/events.proto


export interface OrganisationCreated {
  'organisationId'?: (string);
  'code'?: (string);
  'name'?: (string);
  'founderUserId'?: (string);
  'occurredAt'?: (string);
}

export interface OrganisationCreated__Output {
  'organisationId': (string);
  'code': (string);
  'name': (string);
  'founderUserId': (string);
  'occurredAt': (string);
}
