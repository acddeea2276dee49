import type { Account } from "../domain/account.js";
import type { Membership } from "../domain/membership.js";

/** Accounts of the built-in issuer, with their lockout state and login history. */
export interface AccountRepository {
  findByMobile(mobile: string): Promise<Account | undefined>;
  findById(id: string): Promise<Account | undefined>;
  /**
   * Stores a new account and announces it (AccountRegistered) in the same transaction.
   * AlreadyExists when the mobile number is taken.
   */
  create(account: NewAccount, registration: { organisationId: string; createdOrganisation: boolean }): Promise<void>;
  /** Adds one failed login atomically and returns the new count. */
  incrementFailedLogins(accountId: string): Promise<number>;
  /** Locks the account until the given time and sets its failure count. */
  lock(accountId: string, lockedUntil: Date, failedLoginCount: number): Promise<void>;
  /** Clears the failure count and any expired lock after a successful login. */
  resetFailedLogins(accountId: string): Promise<void>;
  addLoginHistory(entry: LoginHistoryEntry): Promise<void>;
  listLoginHistory(accountId: string, limit: number): Promise<LoginHistoryEntry[]>;
}

export interface NewAccount {
  readonly id: string;
  readonly mobile: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly createdAt: Date;
}

export type LoginOutcome = "success" | "wrong-password" | "locked" | "unknown-account" | "not-a-member";

export interface LoginHistoryEntry {
  readonly accountId: string;
  readonly at: Date;
  readonly success: boolean;
  readonly outcome: LoginOutcome;
  readonly ip?: string;
}

/** argon2id in production; the hash string carries its own parameters and salt. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a wrong password or an unreadable hash; never throws for either. */
  verify(hash: string, password: string): Promise<boolean>;
}

/** Delivers SMS codes: a real SMS gateway in production, the development sender otherwise. */
export interface SmsSender {
  sendCode(mobile: string, code: string): Promise<void>;
}

/** The organisation service as identity needs it (internal RPCs, called with a service token). */
export interface OrganisationDirectory {
  /** Creates an organisation whose founder is its first administrator; returns the founder's membership. */
  createOrganisation(input: { name: string; code?: string; founderUserId: string; founderDisplayName: string }): Promise<Membership>;
  /** NotFound for an unknown code. */
  joinOrganisation(input: { organisationCode: string; userId: string; displayName: string }): Promise<Membership>;
  listMemberships(userId: string): Promise<Membership[]>;
}

/** Issues user access tokens (the built-in OIDC issuer). */
export interface AccessTokenIssuer {
  issueAccessToken(claims: AccessTokenClaims): Promise<IssuedToken>;
}

export interface AccessTokenClaims {
  readonly subject: string;
  readonly organisationId?: string;
  readonly roles: readonly string[];
  readonly name?: string;
}

export interface IssuedToken {
  readonly token: string;
  readonly expiresInSeconds: number;
}

export interface Clock {
  now(): Date;
}

/** The built-in issuer's signing keys at rest; private keys arrive and leave sealed. */
export interface SigningKeyStore {
  /** Every published key, the current one included. */
  list(): Promise<StoredSigningKey[]>;
  /** Stores a key as the current one; false when another process stored a current key first. */
  insertCurrent(key: StoredSigningKey): Promise<boolean>;
}

export interface StoredSigningKey {
  readonly kid: string;
  readonly alg: "ES256";
  /** Public JWK (EC P-256). */
  readonly publicJwk: Readonly<Record<string, unknown>>;
  /** The PKCS#8 private key sealed by the issuer (AES-256-GCM); never stored in the clear. */
  readonly sealedPrivateKey: Uint8Array;
  readonly current: boolean;
  readonly createdAt: Date;
}

/** Accounts kept by an external OIDC provider (Keycloak in a cluster), which also checks passwords and issues tokens. */
export interface ExternalAccounts {
  /** Returns the new account's id (its tokens' `sub`); AlreadyExists for a taken mobile number. */
  createUser(input: { mobile: string; displayName: string; password: string }): Promise<string>;
  findUserIdByMobile(mobile: string): Promise<string | undefined>;
  /** The organisation and roles the account's next tokens carry. */
  setCurrentOrganisation(userId: string, organisationId: string, roles: readonly string[]): Promise<void>;
  /** Checks the password and returns a token; Unauthenticated when wrong. */
  passwordGrant(mobile: string, password: string): Promise<{ accessToken: string; expiresInSeconds: number }>;
  deleteUser(userId: string): Promise<void>;
}
