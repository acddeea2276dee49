// Original file: proto/yunxi/organisation/v1/organisation.proto


export interface ListDepartmentsRequest {
}

export interface ListDepartmentsRequest__Output {
}
