// Original file: proto/yunxi/audit/v1/audit.proto


export interface GetPublicKeyRequest {
}

export interface GetPublicKeyRequest__Output {
}
