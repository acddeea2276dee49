// Original file: proto/yunxi/organisation/v1/organisation.proto


export interface ListMembersRequest {
}

export interface ListMembersRequest__Output {
}
