// Original file: proto/yunxi/device_control/v1/device_control.proto


export interface GetCommandKeyRequest {
}

export interface GetCommandKeyRequest__Output {
}
