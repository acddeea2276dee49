// Original file: proto/yunxi/organisation/v1/organisation.proto


export interface ListAlarmDeliveriesRequest {
  'state'?: (string);
  'limit'?: (number);
}

export interface ListAlarmDeliveriesRequest__Output {
  'state': (string);
  'limit': (number);
}
