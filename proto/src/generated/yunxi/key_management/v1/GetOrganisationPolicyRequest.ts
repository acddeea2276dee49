// Original file: proto/yunxi/key_management/v1/key_management.proto


export interface GetOrganisationPolicyRequest {
}

export interface GetOrganisationPolicyRequest__Output {
}
