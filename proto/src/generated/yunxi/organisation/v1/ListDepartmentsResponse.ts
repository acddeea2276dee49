// Original file: proto/yunxi/organisation/v1/organisation.proto

import type { Department as _yunxi_organisation_v1_Department, Department__Output as _yunxi_organisation_v1_Department__Output } from '../../../yunxi/organisation/v1/Department.js';

export interface ListDepartmentsResponse {
  'departments'?: (_yunxi_organisation_v1_Department)[];
}

export interface ListDepartmentsResponse__Output {
  'departments': (_yunxi_organisation_v1_Department__Output)[];
}
