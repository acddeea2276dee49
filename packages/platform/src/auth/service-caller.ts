import { invalidArgument, permissionDenied, unauthenticated } from "../errors/errors.js";
import type { CallContext } from "../grpc/call-context.js";
import { authenticate, type Caller } from "./permissions.js";
import type { Principal, TokenVerifier } from "./token-verifier.js";

/** The claim naming the service a service token was minted for (e.g. `"identity"`). */
export const SERVICE_CLAIM = "yunxi_service";

/** Another Yunxi service calling an internal RPC on its own behalf, not on a user's. */
export interface ServiceCaller {
  readonly principal: Principal;
  /** The calling service's name, from the `yunxi_service` claim. */
  readonly service: string;
  readonly requestId: string;
}

/**
 * Authenticates an internal call made by another service. Only tokens that carry `yunxi_service` naming
 * one of `allowedServices` and are NOT scoped to an organisation pass: a user's token (which always names
 * an organisation, and has no service claim) can never reach an internal RPC, and a service token can
 * never act as a user because {@link authenticate} requires an organisation. Anything else is
 * PermissionDenied; a missing or invalid token is Unauthenticated.
 */
export async function authenticateService(verifier: TokenVerifier, context: CallContext, allowedServices: readonly string[]): Promise<ServiceCaller> {
  if (!context.bearerToken) throw unauthenticated("an access token is required");
  const principal = await verifier.verify(context.bearerToken);
  const service = principal.claims[SERVICE_CLAIM];
  if (typeof service !== "string" || service.length === 0) throw permissionDenied("this operation is for internal service callers only");
  if (principal.organisationId !== undefined) throw permissionDenied("a service token must not be scoped to an organisation");
  if (!allowedServices.includes(service)) throw permissionDenied(`service ${service} may not call this operation`);
  return { principal, service, requestId: context.requestId };
}

/** Who a call acts for: a user in their organisation, or an internal service acting for one organisation. */
export type Actor =
  | { readonly kind: "user"; readonly caller: Caller }
  | { readonly kind: "service"; readonly service: ServiceCaller; readonly organisationId: string };

/**
 * For RPCs that users call and that background work of another service calls too (ocr-verification reading
 * a photo from media). A user token goes through {@link authenticate}; a service token must name one of
 * `allowedServices`, and the organisation it acts for comes from the call context (`x-yunxi-organisation`),
 * which the service sets from the event it is handling. The token is verified once.
 */
export async function authenticateUserOrService(verifier: TokenVerifier, context: CallContext, allowedServices: readonly string[]): Promise<Actor> {
  if (!context.bearerToken) throw unauthenticated("an access token is required");
  const principal = await verifier.verify(context.bearerToken);
  const verified: TokenVerifier = { verify: async () => principal };
  if (principal.claims[SERVICE_CLAIM] === undefined) return { kind: "user", caller: await authenticate(verified, context) };
  const service = await authenticateService(verified, context, allowedServices);
  if (!context.organisationId) throw invalidArgument("an internal call must name the organisation it acts for (x-yunxi-organisation)");
  return { kind: "service", service, organisationId: context.organisationId };
}
