// Original file: proto/yunxi/approval/v1/approval.proto

import type { PhysicalSeal as _yunxi_approval_v1_PhysicalSeal, PhysicalSeal__Output as _yunxi_approval_v1_PhysicalSeal__Output } from '../../../yunxi/approval/v1/PhysicalSeal.js';
import type { ElectronicSeal as _yunxi_approval_v1_ElectronicSeal, ElectronicSeal__Output as _yunxi_approval_v1_ElectronicSeal__Output } from '../../../yunxi/approval/v1/ElectronicSeal.js';

export interface CreateSealRequest {
  'name'?: (string);
  'physical'?: (_yunxi_approval_v1_PhysicalSeal | null);
  'electronic'?: (_yunxi_approval_v1_ElectronicSeal | null);
  'details'?: "physical"|"electronic";
}

export interface CreateSealRequest__Output {
  'name': (string);
  'physical'?: (_yunxi_approval_v1_PhysicalSeal__Output | null);
  'electronic'?: (_yunxi_approval_v1_ElectronicSeal__Output | null);
  'details'?: "physical"|"electronic";
}
