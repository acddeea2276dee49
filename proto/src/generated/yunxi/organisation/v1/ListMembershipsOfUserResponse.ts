// Original file: proto/yunxi/organisation/v1/organisation.proto

import type { Membership as _yunxi_organisation_v1_Membership, Membership__Output as _yunxi_organisation_v1_Membership__Output } from '../../../yunxi/organisation/v1/Membership.js';

export interface ListMembershipsOfUserResponse {
  'memberships'?: (_yunxi_organisation_v1_Membership)[];
}

export interface ListMembershipsOfUserResponse__Output {
  'memberships': (_yunxi_organisation_v1_Membership__Output)[];
}
