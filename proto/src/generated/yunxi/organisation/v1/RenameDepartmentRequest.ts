// Original file: proto/yunxi/organisation/v1/organisation.proto


export interface RenameDepartmentRequest {
  'id'?: (string);
  'name'?: (string);
  'sortOrder'?: (number);
  '_name'?: "name";
  '_sortOrder'?: "sortOrder";
}

export interface RenameDepartmentRequest__Output {
  'id': (string);
  'name'?: (string);
  'sortOrder'?: (number);
  '_name'?: "name";
  '_sortOrder'?: "sortOrder";
}
