// Original file: proto/yunxi/organisation/v1/organisation.proto


export interface Organisation {
  'id'?: (string);
  'name'?: (string);
  'code'?: (string);
  'description'?: (string);
  'createdAt'?: (string);
}

export interface Organisation__Output {
  'id': (string);
  'name': (string);
  'code': (string);
  'description': (string);
  'createdAt': (string);
}
