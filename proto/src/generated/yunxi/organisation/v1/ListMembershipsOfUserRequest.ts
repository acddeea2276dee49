// Original file: proto/yunxi/organisation/v1/organisation.proto


export interface ListMembershipsOfUserRequest {
  'userId'?: (string);
}

export interface ListMembershipsOfUserRequest__Output {
  'userId': (string);
}
