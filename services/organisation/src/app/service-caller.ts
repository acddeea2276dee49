import { permissionDenied, unauthenticated, type CallContext, type Principal, type TokenVerifier } from "@yunxi/platform";

// A stand-in for the platform's authenticateService (packages/platform/src/auth/service-caller.ts), which
// @yunxi/platform's index does not export yet. Same rules; delete this file and import from
// "@yunxi/platform" once it does.

/** Another Yunxi service calling an internal RPC on its own behalf. */
export interface ServiceCaller {
  readonly principal: Principal;
  readonly service: string;
  readonly requestId: string;
}

/** Only tokens with `yunxi_service` naming an allowed service and no organisation pass; else PermissionDenied. */
export async function authenticateService(verifier: TokenVerifier, context: CallContext, allowedServices: readonly string[]): Promise<ServiceCaller> {
  if (!context.bearerToken) throw unauthenticated("an access token is required");
  const principal = await verifier.verify(context.bearerToken);
  const service = principal.claims["yunxi_service"];
  if (typeof service !== "string" || service.length === 0) throw permissionDenied("this operation is for internal service callers only");
  if (principal.organisationId !== undefined) throw permissionDenied("a service token must not be scoped to an organisation");
  if (!allowedServices.includes(service)) throw permissionDenied(`service ${service} may not call this operation`);
  return { principal, service, requestId: context.requestId };
}
