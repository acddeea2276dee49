import { BUILT_IN_ISSUER_PATH, unavailable, type PlatformConfig } from "@yunxi/platform";

/**
 * The JWKS the central gateway itself verifies tokens with, as JSON text, for zones: Keycloak's (found by
 * OIDC discovery) when YUNXI_OIDC_ISSUER is set, otherwise the built-in issuer's, which this gateway
 * publishes at `/oidc/jwks`. Fetched on demand: zones' verifiers cache keys and refetch only on an unknown
 * key id, so key rotation reaches zones without a push.
 */
export function issuerJwksSource(platform: PlatformConfig, localOrigin: () => string, fetchImpl: typeof fetch = fetch): () => Promise<string> {
  const timeoutMs = platform.CONNECT_TIMEOUT_MS;
  let jwksUrl: string | undefined;
  const get = async (url: string) => {
    let response: Response;
    try {
      response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw unavailable(`cannot fetch ${url}`, { cause: error });
    }
    if (!response.ok) throw unavailable(`${url} answered ${response.status}`);
    return response.text();
  };
  return async () => {
    if (!jwksUrl) {
      if (platform.OIDC_ISSUER) {
        const discovery = JSON.parse(await get(`${platform.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`)) as { jwks_uri?: unknown };
        if (typeof discovery.jwks_uri !== "string") throw unavailable("the issuer's discovery document has no jwks_uri");
        jwksUrl = discovery.jwks_uri;
      } else {
        jwksUrl = `${localOrigin()}${BUILT_IN_ISSUER_PATH}/jwks`;
      }
    }
    const text = await get(jwksUrl);
    const keys = (JSON.parse(text) as { keys?: unknown }).keys;
    if (!Array.isArray(keys)) throw unavailable("the issuer's JWKS has no keys");
    return text;
  };
}
