// Original file: proto/yunxi/organisation/v1/organisation.proto

import type { Membership as _yunxi_organisation_v1_Membership, Membership__Output as _yunxi_organisation_v1_Membership__Output } from '../../../yunxi/organisation/v1/Membership.js';

export interface ListMembersResponse {
  'members'?: (_yunxi_organisation_v1_Membership)[];
}

export interface ListMembersResponse__Output {
  'members': (_yunxi_organisation_v1_Membership__Output)[];
}
