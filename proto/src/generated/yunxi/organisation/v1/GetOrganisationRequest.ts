// Original file: proto/yunxi/organisation/v1/organisation.proto


export interface GetOrganisationRequest {
}

export interface GetOrganisationRequest__Output {
}
