// Original file: proto/yunxi/organisation/v1/organisation.proto


export interface SetMemberRolesRequest {
  'userId'?: (string);
  'roles'?: (string)[];
  'departmentId'?: (string);
  '_departmentId'?: "departmentId";
}

export interface SetMemberRolesRequest__Output {
  'userId': (string);
  'roles': (string)[];
  'departmentId'?: (string);
  '_departmentId'?: "departmentId";
}
