import type { CallContext, TokenVerifier } from "@yunxi/platform";
import { startTestIssuer } from "@yunxi/platform/testing";

/** The shared test issuer, shaped for key-management's tests (extra claims per context). */
export interface LocalIssuer {
  /** The `iss` of minted tokens; it also serves OIDC discovery, so it works as YUNXI_OIDC_ISSUER. */
  readonly issuer: string;
  readonly verifier: TokenVerifier;
  /** Every token minted so far, so tests can check none reached a log. */
  readonly issued: readonly string[];
  /** A call context carrying a signed token for `subject` in `organisationId` with built-in `roles`. */
  context(subject: string, organisationId: string, roles: readonly string[], extra?: Record<string, unknown>): Promise<CallContext>;
  close(): Promise<void>;
}

export async function startLocalIssuer(): Promise<LocalIssuer> {
  const tokens = await startTestIssuer();
  return {
    issuer: tokens.issuer,
    verifier: tokens.verifier,
    issued: tokens.issued,
    async context(subject, organisationId, roles, extra = {}) {
      const token = await tokens.sign({ yunxi_org: organisationId, roles: [...roles], ...extra }, subject);
      return { requestId: `req-${tokens.issued.length}`, organisationId, bearerToken: token };
    },
    close: () => tokens.close(),
  };
}
