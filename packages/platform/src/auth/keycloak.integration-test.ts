import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isYunxiError } from "../errors/errors.js";
import { requireTestServer, testSetting } from "../testing/servers.js";
import { JwksTokenVerifier } from "./token-verifier.js";

describe("Keycloak (real server): token from the test realm verified via JWKS", () => {
  it("obtains a token with the password grant and verifies it", async () => {
    const base = await requireTestServer("keycloak");
    const realm = testSetting("YUNXI_TEST_KEYCLOAK_REALM");
    const issuer = `${base}/realms/${realm}`;
    const response = await fetch(`${issuer}/protocol/openid-connect/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "password",
        client_id: testSetting("YUNXI_TEST_KEYCLOAK_CONSOLE_CLIENT"),
        username: testSetting("YUNXI_TEST_KEYCLOAK_USER"),
        password: testSetting("YUNXI_TEST_KEYCLOAK_USER_PASSWORD"),
        scope: "openid",
      }),
      signal: AbortSignal.timeout(15000),
    });
    assert.equal(response.status, 200, `token endpoint answered ${response.status}: ${await response.clone().text()}`);
    const { access_token: accessToken } = (await response.json()) as { access_token: string };

    const verifier = new JwksTokenVerifier({ issuer, audiences: [testSetting("YUNXI_TEST_KEYCLOAK_CONSOLE_CLIENT")] });
    const principal = await verifier.verify(accessToken);
    assert.match(principal.subject, /^[0-9a-f-]{36}$/);
    assert.ok(principal.expiresAt.getTime() > Date.now());

    // A token altered after signing must not verify.
    const [header, payload, signature] = accessToken.split(".");
    const forged = JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as Record<string, unknown>;
    forged["sub"] = "someone-else";
    const tampered = `${header}.${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${signature}`;
    await assert.rejects(verifier.verify(tampered), (error: unknown) => isYunxiError(error, "Unauthenticated"));
  });
});
