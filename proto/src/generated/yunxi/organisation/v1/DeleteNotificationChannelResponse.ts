// Original file: proto/yunxi/organisation/v1/organisation.proto


export interface DeleteNotificationChannelResponse {
}

export interface DeleteNotificationChannelResponse__Output {
}
