// Original file: proto/yunxi/approval/v1/approval.proto

import type { PhysicalSeal as _yunxi_approval_v1_PhysicalSeal, PhysicalSeal__Output as _yunxi_approval_v1_PhysicalSeal__Output } from '../../../yunxi/approval/v1/PhysicalSeal.js';
import type { ElectronicSeal as _yunxi_approval_v1_ElectronicSeal, ElectronicSeal__Output as _yunxi_approval_v1_ElectronicSeal__Output } from '../../../yunxi/approval/v1/ElectronicSeal.js';

export interface Seal {
  'id'?: (string);
  'organisationId'?: (string);
  'name'?: (string);
  'physical'?: (_yunxi_approval_v1_PhysicalSeal | null);
  'electronic'?: (_yunxi_approval_v1_ElectronicSeal | null);
  'version'?: (number);
  'createdAt'?: (string);
  'updatedAt'?: (string);
  'details'?: "physical"|"electronic";
}

export interface Seal__Output {
  'id': (string);
  'organisationId': (string);
  'name': (string);
  'physical'?: (_yunxi_approval_v1_PhysicalSeal__Output | null);
  'electronic'?: (_yunxi_approval_v1_ElectronicSeal__Output | null);
  'version': (number);
  'createdAt': (string);
  'updatedAt': (string);
  'details'?: "physical"|"electronic";
}
