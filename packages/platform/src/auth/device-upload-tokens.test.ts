import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isYunxiError } from "../errors/errors.js";
import { createDeviceUploadTokens } from "./device-upload-tokens.js";
import { createServiceTokens, ServiceTokenVerifier } from "./service-tokens.js";

const SECRET = "a-signing-secret-of-at-least-32-characters";
const grant = { organisationId: "org-1", deviceId: "dev-1", authorisationId: "auth-1", applicationId: "app-1", expiresAt: new Date(Date.now() + 60_000) };
const unauthenticated = (e: unknown) => isYunxiError(e, "Unauthenticated");

describe("device upload tokens", () => {
  it("round-trip the grant", async () => {
    const tokens = createDeviceUploadTokens(SECRET);
    const verified = await tokens.verify(await tokens.mint(grant));
    assert.deepEqual({ ...verified, expiresAt: undefined }, { ...grant, expiresAt: undefined });
    assert.equal(Math.floor(verified.expiresAt.getTime() / 1000), Math.floor(grant.expiresAt.getTime() / 1000));
  });

  it("refuse expired tokens, another installation's tokens, a tampered token and garbage", async () => {
    const tokens = createDeviceUploadTokens(SECRET);
    await assert.rejects(tokens.verify(await tokens.mint({ ...grant, expiresAt: new Date(Date.now() - 60_000) })), unauthenticated);
    await assert.rejects(tokens.verify(await createDeviceUploadTokens(SECRET + "x").mint(grant)), unauthenticated);
    const token = await tokens.mint(grant);
    const [header, payload, signature] = token.split(".");
    const otherDevice = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), sub: "dev-2" })).toString("base64url");
    await assert.rejects(tokens.verify(`${header}.${otherDevice}.${signature}`), unauthenticated);
    await assert.rejects(tokens.verify("garbage"), unauthenticated);
  });

  it("are not service tokens, and service tokens are not upload tokens (separate keys and issuers)", async () => {
    const uploads = createDeviceUploadTokens(SECRET);
    await assert.rejects(new ServiceTokenVerifier(SECRET).verify(await uploads.mint(grant)), unauthenticated);
    await assert.rejects(uploads.verify(await createServiceTokens(SECRET, "media").token()), unauthenticated);
  });
});
