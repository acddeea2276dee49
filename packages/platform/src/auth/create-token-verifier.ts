import type { PlatformConfig } from "../runtime/platform-config.js";
import { platformSigningSecret } from "../runtime/signing-secret.js";
import { createServiceTokens, ServiceAwareTokenVerifier, ServiceTokenVerifier, type ServiceTokens } from "./service-tokens.js";
import { JwksTokenVerifier, type TokenVerifier } from "./token-verifier.js";

/** Path under the gateway where the built-in OIDC issuer (embedded mode) is published. */
export const BUILT_IN_ISSUER_PATH = "/oidc";

function loopbackGateway(platform: PlatformConfig): string {
  const host = platform.BIND_HOST === "0.0.0.0" || platform.BIND_HOST === "::" ? "127.0.0.1" : platform.BIND_HOST;
  return `http://${host}:${platform.HTTP_PORT}`;
}

/** The `iss` of tokens from the built-in issuer: `<public URL of the gateway>/oidc`. */
export function builtInIssuerUrl(platform: PlatformConfig): string {
  return `${(platform.PUBLIC_URL ?? loopbackGateway(platform)).replace(/\/$/, "")}${BUILT_IN_ISSUER_PATH}`;
}

/**
 * One verification path in both run modes: Keycloak's JWKS when YUNXI_OIDC_ISSUER is set, otherwise the
 * built-in issuer's JWKS, which identity publishes through the gateway at `/oidc/jwks`. Internal service
 * tokens ({@link createServiceTokens}) are accepted too; they can only pass `authenticateService`.
 */
export function createTokenVerifier(platform: PlatformConfig): TokenVerifier {
  const timeoutMs = platform.CONNECT_TIMEOUT_MS;
  const users = platform.OIDC_ISSUER
    ? new JwksTokenVerifier({ issuer: platform.OIDC_ISSUER, timeoutMs, ...(platform.OIDC_JWKS_URL ? { jwksUrl: platform.OIDC_JWKS_URL } : {}) })
    : new JwksTokenVerifier({
        issuer: builtInIssuerUrl(platform),
        jwksUrl: `${loopbackGateway(platform)}${BUILT_IN_ISSUER_PATH}/jwks`,
        timeoutMs,
      });
  return new ServiceAwareTokenVerifier(users, new ServiceTokenVerifier(platformSigningSecret(platform)));
}

/** This process's internal service tokens for module `service` (see {@link createServiceTokens}). */
export function serviceTokensFor(platform: PlatformConfig, service: string): ServiceTokens {
  return createServiceTokens(platformSigningSecret(platform), service);
}
