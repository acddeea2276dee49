// Original file: proto/yunxi/identity/v1/events.proto


export interface AccountRegistered {
  'accountId'?: (string);
  'organisationId'?: (string);
  'createdOrganisation'?: (boolean);
  'registeredAt'?: (string);
}

export interface AccountRegistered__Output {
  'accountId': (string);
  'organisationId': (string);
  'createdOrganisation': (boolean);
  'registeredAt': (string);
}
