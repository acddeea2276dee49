// Original file: proto/yunxi/organisation/v1/organisation.proto


export interface ListNotificationChannelsRequest {
}

export interface ListNotificationChannelsRequest__Output {
}
