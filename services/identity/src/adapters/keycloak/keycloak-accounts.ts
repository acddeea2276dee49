import { alreadyExists, failedPrecondition, notFound, unauthenticated, unavailable } from "@yunxi/platform";

export interface KeycloakAccountsOptions {
  /** The realm's issuer URL, `https://host/realms/<realm>` (YUNXI_OIDC_ISSUER). */
  readonly issuer: string;
  /** A confidential client with a service account allowed to manage users, and the password grant. */
  readonly clientId: string;
  readonly clientSecret: string;
  readonly timeoutMs?: number;
}

/** User attributes the realm's protocol mappers put into access tokens (infra/keycloak/yunxi-test-realm.json). */
export const KEYCLOAK_ATTRIBUTES = Object.freeze({ organisation: "yunxi_org", roles: "yunxi_roles", mobile: "yunxi_mobile" });

export interface KeycloakToken {
  readonly accessToken: string;
  readonly expiresInSeconds: number;
}

interface UserRepresentation {
  id: string;
  username: string;
  firstName?: string;
  attributes?: Record<string, string[]>;
}

/**
 * Accounts in a Keycloak realm (cluster mode), through the admin REST API with the platform client's
 * service account, and user logins through the password grant of the same client. The mobile number is
 * the username; the organisation a token is scoped to and its roles are user attributes that protocol
 * mappers turn into the `yunxi_org` and `roles` claims. Passwords are only ever sent to Keycloak, which
 * hashes and checks them itself (and applies the realm's brute-force lockout).
 */
export class KeycloakAccounts {
  readonly #options: KeycloakAccountsOptions;
  readonly #adminBase: string;
  readonly #tokenUrl: string;
  #serviceToken: { token: string; renewAt: number } | undefined;

  constructor(options: KeycloakAccountsOptions) {
    const issuer = options.issuer.replace(/\/$/, "");
    const match = /^(.*)\/realms\/([^/]+)$/.exec(issuer);
    if (!match) throw failedPrecondition("YUNXI_OIDC_ISSUER must be a Keycloak realm URL (…/realms/<realm>)");
    this.#options = options;
    this.#adminBase = `${match[1]}/admin/realms/${match[2]}`;
    this.#tokenUrl = `${issuer}/protocol/openid-connect/token`;
  }

  async #fetch(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(this.#options.timeoutMs ?? 5000) });
    } catch (error) {
      throw unavailable(`Keycloak at ${new URL(url).host} is unreachable`, { cause: error });
    }
  }

  async #grant(form: Record<string, string>): Promise<Response> {
    return this.#fetch(this.#tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: this.#options.clientId, client_secret: this.#options.clientSecret, ...form }),
    });
  }

  /**
   * The platform client's own token (client-credentials grant): for the admin API, and as identity's
   * service token towards internal RPCs (the service account carries `yunxi_service`). Reused for half its life.
   */
  async serviceToken(): Promise<string> {
    if (this.#serviceToken && this.#serviceToken.renewAt > Date.now()) return this.#serviceToken.token;
    const response = await this.#grant({ grant_type: "client_credentials" });
    if (!response.ok) throw unavailable(`Keycloak refused the platform client's credentials (${response.status})`);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    this.#serviceToken = { token: body.access_token, renewAt: Date.now() + (body.expires_in * 1000) / 2 };
    return body.access_token;
  }

  async #admin(method: string, path: string, body?: unknown): Promise<Response> {
    const response = await this.#fetch(`${this.#adminBase}${path}`, {
      method,
      headers: { authorization: `Bearer ${await this.serviceToken()}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status === 401 || response.status === 403) throw unavailable(`Keycloak admin API refused the platform client (${response.status}): it needs manage-users`);
    return response;
  }

  /** Creates a user with the mobile number as username; returns its id (the `sub` of its tokens). */
  async createUser(input: { mobile: string; displayName: string; password: string }): Promise<string> {
    const response = await this.#admin("POST", "/users", {
      username: input.mobile,
      enabled: true,
      firstName: input.displayName,
      attributes: { [KEYCLOAK_ATTRIBUTES.mobile]: [input.mobile] },
      credentials: [{ type: "password", value: input.password, temporary: false }],
    });
    if (response.status === 409) throw alreadyExists("an account with this mobile number exists");
    if (response.status !== 201) throw unavailable(`Keycloak did not create the user (${response.status})`);
    const id = response.headers.get("location")?.split("/").pop();
    if (!id) throw unavailable("Keycloak created the user but returned no id");
    return id;
  }

  async findUserIdByMobile(mobile: string): Promise<string | undefined> {
    const response = await this.#admin("GET", `/users?${new URLSearchParams({ username: mobile, exact: "true" })}`);
    if (!response.ok) throw unavailable(`Keycloak user search failed (${response.status})`);
    const users = (await response.json()) as UserRepresentation[];
    return users.find((u) => u.username === mobile)?.id;
  }

  /** Sets the organisation and roles the user's next tokens carry. */
  async setCurrentOrganisation(userId: string, organisationId: string, roles: readonly string[]): Promise<void> {
    const current = await this.#admin("GET", `/users/${encodeURIComponent(userId)}`);
    if (current.status === 404) throw notFound("no such user");
    if (!current.ok) throw unavailable(`Keycloak user lookup failed (${current.status})`);
    const user = (await current.json()) as UserRepresentation;
    // PUT replaces the whole attribute map, so the others are sent back unchanged.
    const attributes = { ...(user.attributes ?? {}), [KEYCLOAK_ATTRIBUTES.organisation]: [organisationId], [KEYCLOAK_ATTRIBUTES.roles]: [...roles] };
    const response = await this.#admin("PUT", `/users/${encodeURIComponent(userId)}`, { ...user, attributes });
    if (!response.ok) throw unavailable(`Keycloak did not update the user (${response.status})`);
  }

  /** The password grant: Unauthenticated for a wrong password or unknown user, alike. */
  async passwordGrant(mobile: string, password: string): Promise<KeycloakToken> {
    const response = await this.#grant({ grant_type: "password", username: mobile, password, scope: "openid" });
    if (response.status === 400 || response.status === 401) throw unauthenticated("mobile number or password is wrong");
    if (!response.ok) throw unavailable(`Keycloak token endpoint answered ${response.status}`);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    return { accessToken: body.access_token, expiresInSeconds: body.expires_in };
  }

  async deleteUser(userId: string): Promise<void> {
    const response = await this.#admin("DELETE", `/users/${encodeURIComponent(userId)}`);
    if (!response.ok && response.status !== 404) throw unavailable(`Keycloak did not delete the user (${response.status})`);
  }
}
