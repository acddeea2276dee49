// Original file: proto/yunxi/approval/v1/approval.proto

import type { Application as _yunxi_approval_v1_Application, Application__Output as _yunxi_approval_v1_Application__Output } from '../../../yunxi/approval/v1/Application.js';

export interface ListApplicationsResponse {
  'applications'?: (_yunxi_approval_v1_Application)[];
}

export interface ListApplicationsResponse__Output {
  'applications': (_yunxi_approval_v1_Application__Output)[];
}
