import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { notFound, type PlatformConfig } from "@yunxi/platform";
import { identityRoutes } from "./identity.js";
import { routeTestGateway } from "./route-test-support.js";

describe("identity routes", () => {
  const gateway = routeTestGateway((method, request) => {
    if (method === "GetJwks") return { jwksJson: '{"keys":[{"kty":"EC","kid":"k1"}]}' };
    if ((request as { organisationCode?: string }).organisationCode === "NOPE") throw notFound("no organisation with that code");
    return { accessToken: "jwt", tokenType: "Bearer" };
  });
  const { app, calls } = gateway;
  before(() => gateway.start(identityRoutes, { platform: { BIND_HOST: "127.0.0.1", HTTP_PORT: 8080, PUBLIC_URL: "https://yunxi.example.cn/" } as PlatformConfig }));
  after(() => gateway.close());

  it("publishes the built-in issuer's discovery document and JWKS under /oidc", async () => {
    const discovery = await app.inject({ method: "GET", url: "/oidc/.well-known/openid-configuration" });
    assert.equal(discovery.statusCode, 200);
    assert.equal(discovery.json().issuer, "https://yunxi.example.cn/oidc");
    assert.equal(discovery.json().jwks_uri, "https://yunxi.example.cn/oidc/jwks");
    const jwks = await app.inject({ method: "GET", url: "/oidc/jwks" });
    assert.equal(jwks.statusCode, 200);
    assert.deepEqual(jwks.json(), { keys: [{ kty: "EC", kid: "k1" }] });
  });

  it("maps auth routes to identity RPCs, adds the client ip to logins, and forbids caching tokens", async () => {
    calls.length = 0;
    const sms = await app.inject({ method: "POST", url: "/api/v1/auth/sms-codes", payload: { mobile: "13800000000" } });
    assert.equal(sms.statusCode, 202);
    const register = await app.inject({ method: "POST", url: "/api/v1/auth/register", payload: { mobile: "13800000000", smsCode: "123456", password: "pw-pw-pw-pw", displayName: "甲", newOrganisationName: "云玺" } });
    assert.equal(register.statusCode, 201);
    assert.equal(register.headers["cache-control"], "no-store");
    const login = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { mobile: "13800000000", password: "pw-pw-pw-pw" }, remoteAddress: "198.51.100.7" });
    assert.equal(login.statusCode, 200);
    assert.equal(login.headers["cache-control"], "no-store");
    const switched = await app.inject({ method: "POST", url: "/api/v1/auth/switch-organisation", payload: { organisationId: "o2" }, headers: { authorization: "Bearer tok" } });
    assert.equal(switched.statusCode, 200);
    assert.deepEqual(
      calls.map((c) => [c.module, c.method]),
      [["identity", "RequestSmsCode"], ["identity", "Register"], ["identity", "Login"], ["identity", "SwitchOrganisation"]],
    );
    assert.equal((calls[2]?.request as { clientIp?: string }).clientIp, "198.51.100.7");
    assert.equal(calls[3]?.context.bearerToken, "tok");
  });

  it("refuses malformed bodies with 400 and field violations, calling nothing; service errors keep their kind", async () => {
    calls.length = 0;
    for (const [url, body, field] of [
      ["/api/v1/auth/sms-codes", { mobile: 13800000000 }, "mobile"],
      ["/api/v1/auth/register", { mobile: "13800000000", smsCode: "123456", password: "pw", displayName: "x" }, "organisationCode"],
      ["/api/v1/auth/register", { mobile: "13800000000", smsCode: "123456", password: "pw", displayName: "x", organisationCode: "A", newOrganisationName: "B" }, "organisationCode"],
      ["/api/v1/auth/login", { mobile: "13800000000", password: "pw", role: "admin" }, "body"],
    ] as const) {
      const response = await app.inject({ method: "POST", url, payload: body });
      assert.equal(response.statusCode, 400, url);
      assert.equal(response.json().error.kind, "InvalidArgument");
      assert.ok(response.json().error.violations.some((v: { field: string }) => v.field === field), JSON.stringify(response.json()));
    }
    assert.equal(calls.length, 0);
    const unknown = await app.inject({ method: "POST", url: "/api/v1/auth/register", payload: { mobile: "13800000000", smsCode: "123456", password: "pw-pw-pw-pw", displayName: "x", organisationCode: "NOPE" } });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.kind, "NotFound");
  });

  it("describes every route in OpenAPI", () => {
    for (const path of ["/oidc/.well-known/openid-configuration", "/oidc/jwks", "/api/v1/auth/sms-codes", "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/switch-organisation"]) {
      assert.ok(identityRoutes.openApiPaths[path], path);
    }
  });
});
