import { alreadyExists, failedPrecondition, invalidArgument, isYunxiError, permissionDenied, type FieldViolation, type Logger } from "@yunxi/platform";
import { decodeJwt } from "jose";
import { mobileViolation, validateRegistration } from "../domain/account.js";
import { chooseMembership, type Membership } from "../domain/membership.js";
import type { IdentityService, TokenResult } from "./identity-service.js";
import type { ExternalAccounts, OrganisationDirectory } from "./ports.js";
import type { SmsCodes } from "./sms-codes.js";

/**
 * Registration and login when accounts live in Keycloak (YUNXI_OIDC_ISSUER set): identity still checks the
 * SMS code and creates the membership, but the password, the lockout (the realm's brute-force detection)
 * and the tokens are Keycloak's. The organisation a token is scoped to is a user attribute set before
 * the password grant.
 */
export function makeExternalIdentityService(deps: {
  readonly accounts: ExternalAccounts;
  readonly smsCodes: SmsCodes;
  readonly organisations: OrganisationDirectory;
  readonly logger: Logger;
}): IdentityService {
  const { accounts, smsCodes, organisations, logger } = deps;

  /** Scopes the account's next tokens to `chosen`, then logs in. */
  async function scopedToken(accountId: string, mobile: string, password: string, memberships: readonly Membership[], chosen: Membership): Promise<TokenResult> {
    await accounts.setCurrentOrganisation(accountId, chosen.organisationId, chosen.roles);
    return { accountId, organisationId: chosen.organisationId, memberships, ...(await accounts.passwordGrant(mobile, password)) };
  }

  return {
    requestSmsCode: (mobile) => smsCodes.request(mobile),

    async register(input) {
      validateRegistration(input);
      if (await accounts.findUserIdByMobile(input.mobile)) throw alreadyExists("an account with this mobile number exists");
      const consumed = await smsCodes.consume(input.mobile, input.smsCode);
      const displayName = input.displayName.trim();
      const accountId = await accounts.createUser({ mobile: input.mobile, displayName, password: input.password });
      let membership: Membership;
      try {
        membership =
          "join" in input.organisation
            ? await organisations.joinOrganisation({ organisationCode: input.organisation.join, userId: accountId, displayName })
            : await organisations.createOrganisation({ name: input.organisation.create.trim(), ...(input.organisation.code ? { code: input.organisation.code } : {}), founderUserId: accountId, founderDisplayName: displayName });
      } catch (error) {
        // No account without a membership: undo the Keycloak user, and give the code back for the caller's own mistakes.
        await accounts.deleteUser(accountId);
        if (isYunxiError(error, "NotFound") || isYunxiError(error, "AlreadyExists") || isYunxiError(error, "InvalidArgument")) await consumed.restore();
        throw error;
      }
      logger.info({ accountId, organisationId: membership.organisationId }, "account registered");
      return scopedToken(accountId, input.mobile, input.password, [membership], membership);
    },

    async login(input) {
      const violations: FieldViolation[] = [];
      const mobileProblem = mobileViolation(input.mobile);
      if (mobileProblem) violations.push(mobileProblem);
      if (typeof input.password !== "string" || input.password.length === 0 || input.password.length > 128) violations.push({ field: "password", message: "is required (at most 128 characters)" });
      if (violations.length > 0) throw invalidArgument("invalid login", { violations });
      // The grant checks the password first; only then is anything about the account looked up.
      const first = await accounts.passwordGrant(input.mobile, input.password);
      const claims = decodeJwt(first.accessToken);
      const accountId = String(claims.sub);
      const memberships = await organisations.listMemberships(accountId);
      const chosen = chooseMembership(memberships, input.organisationId || undefined);
      if (chosen === "not-a-member") throw permissionDenied("the account is not a member of that organisation");
      const current = typeof claims["yunxi_org"] === "string" ? claims["yunxi_org"] : undefined;
      // Roles are user attributes copied at the last scoping: a role change since then needs a fresh scoping too.
      const tokenRoles = Array.isArray(claims["roles"]) ? claims["roles"].filter((r): r is string => typeof r === "string") : [];
      const sameRoles = chosen !== undefined && [...tokenRoles].sort().join(",") === [...chosen.roles].sort().join(",");
      if (!chosen || (chosen.organisationId === current && sameRoles)) return { accountId, organisationId: chosen?.organisationId, memberships, ...first };
      return scopedToken(accountId, input.mobile, input.password, memberships, chosen);
    },

    async switchOrganisation() {
      throw failedPrecondition("with Keycloak, log in again with organisation_id to act in another organisation");
    },
  };
}
