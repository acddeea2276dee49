import { approvalRoutes } from "./approval.js";
import { auditRoutes } from "./audit.js";
import { deviceControlRoutes } from "./device-control.js";
import { identityRoutes } from "./identity.js";
import { mediaRoutes } from "./media.js";
import { ocrVerificationRoutes } from "./ocr-verification.js";
import { organisationRoutes } from "./organisation.js";
import type { GatewayRoutes } from "./route-module.js";

/**
 * Every service's REST routes. Adding a service's routes: write `routes/<service>.ts` exporting a
 * `GatewayRoutes`, import it here, add it to the list.
 */
export const ALL_ROUTES: readonly GatewayRoutes[] = [identityRoutes, organisationRoutes, auditRoutes, approvalRoutes, mediaRoutes, deviceControlRoutes, ocrVerificationRoutes];
