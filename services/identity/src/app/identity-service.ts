import { randomUUID } from "node:crypto";
import { alreadyExists, invalidArgument, isYunxiError, permissionDenied, unauthenticated, failedPrecondition, type FieldViolation, type Logger } from "@yunxi/platform";
import { mobileViolation, validateRegistration, type RegistrationInput } from "../domain/account.js";
import { afterFailedLogin, isLocked } from "../domain/lockout.js";
import { chooseMembership, type Membership } from "../domain/membership.js";
import type { AccessTokenIssuer, AccountRepository, Clock, OrganisationDirectory, PasswordHasher } from "./ports.js";
import type { SmsCodes } from "./sms-codes.js";

/** What Register, Login and SwitchOrganisation return. */
export interface TokenResult {
  readonly accessToken: string;
  readonly expiresInSeconds: number;
  readonly accountId: string;
  readonly organisationId: string | undefined;
  readonly memberships: readonly Membership[];
}

export interface LoginInput {
  readonly mobile: string;
  readonly password: string;
  readonly organisationId?: string;
  readonly clientIp?: string;
}

export interface IdentityService {
  /** `developmentCode` only from the development SMS provider (see DevelopmentSmsSender). */
  requestSmsCode(mobile: string): Promise<{ expiresInSeconds: number; retryAfterSeconds: number; developmentCode?: string }>;
  register(input: RegistrationInput): Promise<TokenResult>;
  login(input: LoginInput): Promise<TokenResult>;
  /** A token for `accountId` (the verified caller) scoped to another of its organisations. */
  switchOrganisation(accountId: string, organisationId: string): Promise<TokenResult>;
}

export interface IdentityServiceDeps {
  readonly accounts: AccountRepository;
  readonly passwords: PasswordHasher;
  readonly smsCodes: SmsCodes;
  readonly organisations: OrganisationDirectory;
  readonly tokens: AccessTokenIssuer;
  readonly clock: Clock;
  readonly logger: Logger;
}

const badCredentials = () => unauthenticated("mobile number or password is wrong");

/** Registration and login against identity's own accounts (the built-in issuer; embedded default). */
export function makeIdentityService(deps: IdentityServiceDeps): IdentityService {
  const { accounts, passwords, smsCodes, organisations, tokens, clock, logger } = deps;
  // Verifying against this keeps an unknown number as slow as a wrong password, so timing reveals nothing.
  const dummyHash = passwords.hash(randomUUID());

  async function tokenFor(accountId: string, displayName: string | undefined, memberships: readonly Membership[], chosen: Membership | undefined): Promise<TokenResult> {
    const issued = await tokens.issueAccessToken({
      subject: accountId,
      ...(chosen ? { organisationId: chosen.organisationId } : {}),
      roles: chosen?.roles ?? [],
      ...(displayName ? { name: displayName } : {}),
    });
    return { accessToken: issued.token, expiresInSeconds: issued.expiresInSeconds, accountId, organisationId: chosen?.organisationId, memberships };
  }

  return {
    requestSmsCode: (mobile) => smsCodes.request(mobile),

    async register(input) {
      validateRegistration(input);
      if (await accounts.findByMobile(input.mobile)) throw alreadyExists("an account with this mobile number exists");
      const consumed = await smsCodes.consume(input.mobile, input.smsCode);
      const accountId = randomUUID();
      const displayName = input.displayName.trim();
      let membership: Membership;
      try {
        membership =
          "join" in input.organisation
            ? await organisations.joinOrganisation({ organisationCode: input.organisation.join, userId: accountId, displayName })
            : await organisations.createOrganisation({
                name: input.organisation.create.trim(),
                ...(input.organisation.code ? { code: input.organisation.code } : {}),
                founderUserId: accountId,
                founderDisplayName: displayName,
              });
      } catch (error) {
        // The caller's input was wrong (unknown or taken organisation code): the code stays usable.
        if (isYunxiError(error, "NotFound") || isYunxiError(error, "AlreadyExists") || isYunxiError(error, "InvalidArgument")) await consumed.restore();
        throw error;
      }
      const passwordHash = await passwords.hash(input.password);
      await accounts.create(
        { id: accountId, mobile: input.mobile, displayName, passwordHash, createdAt: clock.now() },
        { organisationId: membership.organisationId, createdOrganisation: !("join" in input.organisation) },
      );
      logger.info({ accountId, organisationId: membership.organisationId }, "account registered");
      return tokenFor(accountId, displayName, [membership], membership);
    },

    async login(input) {
      const violations: FieldViolation[] = [];
      const mobileProblem = mobileViolation(input.mobile);
      if (mobileProblem) violations.push(mobileProblem);
      if (typeof input.password !== "string" || input.password.length === 0 || input.password.length > 128) violations.push({ field: "password", message: "is required (at most 128 characters)" });
      if (violations.length > 0) throw invalidArgument("invalid login", { violations });
      const now = clock.now();
      const ip = input.clientIp ? { ip: input.clientIp.slice(0, 64) } : {};
      const account = await accounts.findByMobile(input.mobile);
      if (!account) {
        await passwords.verify(await dummyHash, input.password);
        throw badCredentials();
      }
      if (isLocked(account.lockedUntil, now)) {
        await accounts.addLoginHistory({ accountId: account.id, at: now, success: false, outcome: "locked", ...ip });
        throw failedPrecondition("the account is locked after repeated failed logins; try again later");
      }
      if (!(await passwords.verify(account.passwordHash, input.password))) {
        const count = await accounts.incrementFailedLogins(account.id);
        const next = afterFailedLogin(count, now);
        if (next.lockedUntil) {
          await accounts.lock(account.id, next.lockedUntil, next.failedLoginCount);
          logger.warn({ accountId: account.id, lockedUntil: next.lockedUntil.toISOString() }, "account locked after failed logins");
        }
        await accounts.addLoginHistory({ accountId: account.id, at: now, success: false, outcome: "wrong-password", ...ip });
        throw badCredentials();
      }
      const memberships = await organisations.listMemberships(account.id);
      const chosen = chooseMembership(memberships, input.organisationId || undefined);
      if (chosen === "not-a-member") {
        await accounts.addLoginHistory({ accountId: account.id, at: now, success: false, outcome: "not-a-member", ...ip });
        throw permissionDenied("the account is not a member of that organisation");
      }
      await accounts.resetFailedLogins(account.id);
      await accounts.addLoginHistory({ accountId: account.id, at: now, success: true, outcome: "success", ...ip });
      return tokenFor(account.id, account.displayName, memberships, chosen);
    },

    async switchOrganisation(accountId, organisationId) {
      if (!organisationId) throw invalidArgument("organisation_id is required", { violations: [{ field: "organisation_id", message: "is required" }] });
      const account = await accounts.findById(accountId);
      if (!account) throw unauthenticated("the account no longer exists");
      const memberships = await organisations.listMemberships(accountId);
      const chosen = chooseMembership(memberships, organisationId);
      if (chosen === "not-a-member" || chosen === undefined) throw permissionDenied("the account is not a member of that organisation");
      return tokenFor(accountId, account.displayName, memberships, chosen);
    },
  };
}
