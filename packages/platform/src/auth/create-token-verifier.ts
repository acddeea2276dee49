import type { PlatformConfig } from "../runtime/platform-config.js";
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
 * built-in issuer's JWKS, which identity publishes through the gateway at `/oidc/jwks`.
 */
export function createTokenVerifier(platform: PlatformConfig): TokenVerifier {
  const timeoutMs = platform.CONNECT_TIMEOUT_MS;
  if (platform.OIDC_ISSUER) {
    return new JwksTokenVerifier({ issuer: platform.OIDC_ISSUER, timeoutMs });
  }
  return new JwksTokenVerifier({
    issuer: builtInIssuerUrl(platform),
    jwksUrl: `${loopbackGateway(platform)}${BUILT_IN_ISSUER_PATH}/jwks`,
    timeoutMs,
  });
}
