import assert from "node:assert/strict";
import { randomInt, randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { isYunxiError, JwksTokenVerifier } from "@yunxi/platform";
import { requireTestServer, testSetting } from "@yunxi/platform/testing";
import { KeycloakAccounts } from "./keycloak-accounts.js";

describe("KeycloakAccounts against the test Keycloak", { timeout: 60_000 }, () => {
  let accounts: KeycloakAccounts;
  let issuer: string;
  const created: string[] = [];
  // A fresh mainland-format number per run, so runs never collide.
  const mobile = `139${String(randomInt(100_000_000)).padStart(8, "0")}`;
  const password = `pw-${randomUUID()}`;

  before(async () => {
    const url = (await requireTestServer("keycloak")).replace(/\/$/, "");
    issuer = `${url}/realms/${testSetting("YUNXI_TEST_KEYCLOAK_REALM")}`;
    accounts = new KeycloakAccounts({
      issuer,
      clientId: testSetting("YUNXI_TEST_KEYCLOAK_PLATFORM_CLIENT"),
      clientSecret: testSetting("YUNXI_TEST_KEYCLOAK_PLATFORM_CLIENT_SECRET"),
      timeoutMs: 10_000,
    });
  });

  after(async () => {
    for (const id of created) await accounts.deleteUser(id);
    if (created.length > 0) assert.equal(await accounts.findUserIdByMobile(mobile), undefined, "the test user was deleted");
  });

  it("creates a user, scopes its token to an organisation with roles, and the token verifies through Keycloak's JWKS", async () => {
    const id = await accounts.createUser({ mobile, displayName: "集成测试", password });
    created.push(id);
    assert.equal(await accounts.findUserIdByMobile(mobile), id);
    await assert.rejects(accounts.createUser({ mobile, displayName: "again", password }), (e: unknown) => isYunxiError(e, "AlreadyExists"));

    const organisationId = randomUUID();
    await accounts.setCurrentOrganisation(id, organisationId, ["approver", "member"]);
    const { accessToken, expiresInSeconds } = await accounts.passwordGrant(mobile, password);
    assert.ok(expiresInSeconds > 0);
    const verifier = new JwksTokenVerifier({ issuer, timeoutMs: 10_000 });
    const principal = await verifier.verify(accessToken);
    assert.equal(principal.subject, id);
    assert.equal(principal.organisationId, organisationId);
    assert.deepEqual([...principal.roles].sort(), ["approver", "member"]);
    assert.equal(principal.claims["yunxi_service"], undefined, "a user token never carries the service claim");

    // Switching organisation changes the next token's scope.
    const other = randomUUID();
    await accounts.setCurrentOrganisation(id, other, ["administrator"]);
    const switched = await verifier.verify((await accounts.passwordGrant(mobile, password)).accessToken);
    assert.equal(switched.organisationId, other);
    assert.deepEqual(switched.roles, ["administrator"]);
  });

  it("refuses a wrong password as Unauthenticated", async () => {
    await assert.rejects(accounts.passwordGrant(mobile, "wrong-password"), (e: unknown) => isYunxiError(e, "Unauthenticated"));
    await assert.rejects(accounts.passwordGrant("13000000000", "whatever-password"), (e: unknown) => isYunxiError(e, "Unauthenticated"));
  });

  it("its service token names the identity service and no organisation", async () => {
    const verifier = new JwksTokenVerifier({ issuer, timeoutMs: 10_000 });
    const principal = await verifier.verify(await accounts.serviceToken());
    assert.equal(principal.claims["yunxi_service"], "identity");
    assert.equal(principal.organisationId, undefined);
  });
});
