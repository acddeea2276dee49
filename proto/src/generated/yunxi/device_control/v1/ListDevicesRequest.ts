// Original file: proto/yunxi/device_control/v1/device_control.proto


export interface ListDevicesRequest {
}

export interface ListDevicesRequest__Output {
}
