// Original file: proto/yunxi/identity/v1/identity.proto

import type { MembershipSummary as _yunxi_identity_v1_MembershipSummary, MembershipSummary__Output as _yunxi_identity_v1_MembershipSummary__Output } from '../../../yunxi/identity/v1/MembershipSummary.js';

export interface TokenResponse {
  'accessToken'?: (string);
  'tokenType'?: (string);
  'expiresInSeconds'?: (number);
  'accountId'?: (string);
  'organisationId'?: (string);
  'memberships'?: (_yunxi_identity_v1_MembershipSummary)[];
}

export interface TokenResponse__Output {
  'accessToken': (string);
  'tokenType': (string);
  'expiresInSeconds': (number);
  'accountId': (string);
  'organisationId': (string);
  'memberships': (_yunxi_identity_v1_MembershipSummary__Output)[];
}
