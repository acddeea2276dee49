// Original file: proto/yunxi/organisation/v1/organisation.proto

import type { AlarmDelivery as _yunxi_organisation_v1_AlarmDelivery, AlarmDelivery__Output as _yunxi_organisation_v1_AlarmDelivery__Output } from '../../../yunxi/organisation/v1/AlarmDelivery.js';

export interface ListAlarmDeliveriesResponse {
  'deliveries'?: (_yunxi_organisation_v1_AlarmDelivery)[];
}

export interface ListAlarmDeliveriesResponse__Output {
  'deliveries': (_yunxi_organisation_v1_AlarmDelivery__Output)[];
}
