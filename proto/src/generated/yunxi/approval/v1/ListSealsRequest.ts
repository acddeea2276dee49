// Original file: proto/yunxi/approval/v1/approval.proto


export interface ListSealsRequest {
}

export interface ListSealsRequest__Output {
}
