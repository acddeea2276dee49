import { loadPackageDefinition, type ServiceDefinition, type UntypedServiceImplementation } from "@grpc/grpc-js";
import type { PackageDefinition } from "@grpc/proto-loader";
import { authenticate, invalidArgument, unary, type Logger, type TokenVerifier } from "@yunxi/platform";
import { loadProtoDefinition } from "@yunxi/proto";
import type { IdentityService, TokenResult } from "../../app/identity-service.js";
import type { RegistrationInput } from "../../domain/account.js";

export const IDENTITY_PROTO = "yunxi/identity/v1/identity.proto";

/** The package definition and service definition of IdentityService. */
export function identityServiceDefinition(): { packageDefinition: PackageDefinition; service: ServiceDefinition } {
  const packageDefinition = loadProtoDefinition(IDENTITY_PROTO);
  const loaded = loadPackageDefinition(packageDefinition) as unknown as { yunxi: { identity: { v1: { IdentityService: { service: ServiceDefinition } } } } };
  return { packageDefinition, service: loaded.yunxi.identity.v1.IdentityService.service };
}

interface RegisterMessage {
  mobile: string;
  smsCode: string;
  password: string;
  displayName: string;
  organisationCode: string;
  newOrganisationName: string;
  newOrganisationCode: string;
  organisation?: "organisationCode" | "newOrganisationName";
}

export interface IdentityGrpcDeps {
  readonly service: IdentityService;
  /** The built-in issuer's JWKS (published in both modes: service tokens always come from it). */
  readonly jwks: () => Promise<unknown>;
  readonly verifier: TokenVerifier;
  readonly logger: Logger;
}

function tokenResponse(result: TokenResult) {
  return {
    accessToken: result.accessToken,
    tokenType: "Bearer",
    expiresInSeconds: result.expiresInSeconds,
    accountId: result.accountId,
    organisationId: result.organisationId ?? "",
    memberships: result.memberships.map((m) => ({ organisationId: m.organisationId, organisationCode: m.organisationCode, organisationName: m.organisationName, roles: [...m.roles] })),
  };
}

export function registrationFromMessage(req: RegisterMessage): RegistrationInput {
  let organisation: RegistrationInput["organisation"];
  if (req.organisation === "organisationCode") organisation = { join: req.organisationCode };
  else if (req.organisation === "newOrganisationName") organisation = { create: req.newOrganisationName, ...(req.newOrganisationCode ? { code: req.newOrganisationCode } : {}) };
  else {
    throw invalidArgument("invalid registration", {
      violations: [{ field: "organisation_code", message: "give organisation_code to join an organisation or new_organisation_name to create one" }],
    });
  }
  return { mobile: req.mobile, smsCode: req.smsCode, password: req.password, displayName: req.displayName, organisation };
}

/**
 * gRPC handlers of IdentityService. RequestSmsCode, Register, Login and GetJwks are public by nature (they
 * are how a caller obtains a token); SwitchOrganisation verifies the caller's token and acts only for the
 * token's own subject, so no caller can obtain a token for another account.
 */
export function makeIdentityGrpc(deps: IdentityGrpcDeps): UntypedServiceImplementation {
  const { service, logger } = deps;
  return {
    GetJwks: unary(logger, async () => ({ jwksJson: JSON.stringify(await deps.jwks()) })),
    RequestSmsCode: unary<{ mobile: string }, unknown>(logger, async (req) => service.requestSmsCode(req.mobile)),
    Register: unary<RegisterMessage, unknown>(logger, async (req) => tokenResponse(await service.register(registrationFromMessage(req)))),
    Login: unary<{ mobile: string; password: string; organisationId: string; clientIp: string }, unknown>(logger, async (req) =>
      tokenResponse(
        await service.login({
          mobile: req.mobile,
          password: req.password,
          ...(req.organisationId ? { organisationId: req.organisationId } : {}),
          ...(req.clientIp ? { clientIp: req.clientIp } : {}),
        }),
      ),
    ),
    SwitchOrganisation: unary<{ organisationId: string }, unknown>(logger, async (req, context) => {
      const caller = await authenticate(deps.verifier, context);
      // Any member may switch; what it may do in the new organisation is the new token's roles' business.
      return tokenResponse(await service.switchOrganisation(caller.userId, req.organisationId));
    }),
  };
}
