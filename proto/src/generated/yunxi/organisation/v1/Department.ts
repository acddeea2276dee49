// Original file: proto/yunxi/organisation/v1/organisation.proto


export interface Department {
  'id'?: (string);
  'organisationId'?: (string);
  'name'?: (string);
  'sortOrder'?: (number);
  'createdAt'?: (string);
}

export interface Department__Output {
  'id': (string);
  'organisationId': (string);
  'name': (string);
  'sortOrder': (number);
  'createdAt': (string);
}
