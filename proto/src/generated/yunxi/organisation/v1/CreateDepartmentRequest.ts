// Original file: proto/yunxi/organisation/v1/organisation.proto


export interface CreateDepartmentRequest {
  'name'?: (string);
  'sortOrder'?: (number);
}

export interface CreateDepartmentRequest__Output {
  'name': (string);
  'sortOrder': (number);
}
