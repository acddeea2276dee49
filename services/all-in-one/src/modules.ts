import { approvalModule } from "@yunxi/approval/module";
import { auditModule } from "@yunxi/audit/module";
import { deviceControlModule } from "@yunxi/device-control/module";
import { gatewayModule } from "@yunxi/gateway/module";
import { identityModule } from "@yunxi/identity/module";
import { keyManagementModule } from "@yunxi/key-management/module";
import { mediaModule } from "@yunxi/media/module";
import { ocrVerificationModule } from "@yunxi/ocr-verification/module";
import { organisationModule } from "@yunxi/organisation/module";
import type { ModuleDefinition } from "@yunxi/platform";

/**
 * Every module, in start order: keys first (others encrypt with them), the ledger before anything that
 * records evidence, the gateway last so it only answers once the services behind it serve.
 * Adding a service: copy the skeleton, add its proto, add it here, add a values entry in the chart.
 */
export const allModules: readonly ModuleDefinition[] = [
  keyManagementModule,
  identityModule,
  organisationModule,
  auditModule,
  approvalModule,
  deviceControlModule,
  mediaModule,
  ocrVerificationModule,
  gatewayModule,
] as readonly ModuleDefinition[];
