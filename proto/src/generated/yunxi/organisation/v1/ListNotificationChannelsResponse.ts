// Original file: proto/yunxi/organisation/v1/organisation.proto

import type { NotificationChannel as _yunxi_organisation_v1_NotificationChannel, NotificationChannel__Output as _yunxi_organisation_v1_NotificationChannel__Output } from '../../../yunxi/organisation/v1/NotificationChannel.js';

export interface ListNotificationChannelsResponse {
  'channels'?: (_yunxi_organisation_v1_NotificationChannel)[];
}

export interface ListNotificationChannelsResponse__Output {
  'channels': (_yunxi_organisation_v1_NotificationChannel__Output)[];
}
