import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { Server, ServerCredentials, type Client } from "@grpc/grpc-js";
import { callUnary, createGrpcClient, isYunxiError, unavailable } from "@yunxi/platform";
import type { KeyMaterial, KeySource } from "../../app/ports.js";
import { createKeyManagement } from "../../module.js";
import { keyManagementConfig } from "../../config.js";
import { captureLogger } from "../../test-logger.js";
import { keyManagementServiceDefinition } from "./key-management-grpc.js";

class SwitchableQkdSource implements KeySource {
  readonly securityLevel = "qkd" as const;
  available = true;
  async obtain(): Promise<KeyMaterial> {
    if (!this.available) throw unavailable("QKD link is down");
    return { material: randomBytes(32), provenance: { securityLevel: "qkd", qkdKeyIds: [randomUUID()], path: ["a", "b"] } };
  }
}

describe("KeyManagementService over gRPC", { timeout: 30_000 }, () => {
  let server: Server;
  let client: Client;
  const qkd = new SwitchableQkdSource();
  const { logger, text } = captureLogger();
  const ctx = { requestId: "test", organisationId: "org-1" };
  const call = <Res>(method: string, request: unknown, context: { requestId: string; organisationId?: string } = ctx) =>
    callUnary<unknown, Res>(client, method, request, context, 5000);

  before(async () => {
    const config = keyManagementConfig.schema.parse({});
    const { grpc } = createKeyManagement({ config, logger, qkd });
    const { service } = keyManagementServiceDefinition();
    server = new Server();
    server.addService(service, grpc);
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    client = createGrpcClient(service, { address: `127.0.0.1:${port}` });
  });
  after(async () => {
    client.close();
    await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
  });

  it("creates a key, encrypts, decrypts, rotates, rewraps and enforces the minimum decryption version", async () => {
    const created = await call<{ name: string; suite: string; latestVersion: number; versions: { securityLevel: string }[] }>("CreateKey", { name: "records", suite: "SUITE_SM4_CTR_HMAC_SM3" });
    assert.equal(created.suite, "SUITE_SM4_CTR_HMAC_SM3");
    assert.equal(created.latestVersion, 1);
    assert.equal(created.versions[0]?.securityLevel, "SECURITY_LEVEL_QKD");
    const context = Buffer.from("record-1");
    const { ciphertext } = await call<{ ciphertext: string }>("Encrypt", { name: "records", plaintext: Buffer.from("hello"), context });
    assert.match(ciphertext, /^yunxi:v1:sm4-ctr-hmac-sm3:records:1:qkd:/);
    const { plaintext } = await call<{ plaintext: Buffer }>("Decrypt", { name: "records", ciphertext, context });
    assert.equal(plaintext.toString(), "hello");
    const rotated = await call<{ latestVersion: number }>("RotateKey", { name: "records" });
    assert.equal(rotated.latestVersion, 2);
    const rewrapped = await call<{ ciphertext: string }>("ReWrap", { name: "records", ciphertext, context });
    assert.match(rewrapped.ciphertext, /:records:2:qkd:/);
    await call("SetKeyConfig", { name: "records", minDecryptionVersion: 2 });
    await assert.rejects(call("Decrypt", { name: "records", ciphertext, context }), (e) => isYunxiError(e, "FailedPrecondition"));
    assert.equal((await call<{ plaintext: Buffer }>("Decrypt", { name: "records", ciphertext: rewrapped.ciphertext, context })).plaintext.toString(), "hello");
  });

  it("issues data keys and maps errors to the shared vocabulary", async () => {
    await call("CreateKey", { name: "media" });
    const dataKey = await call<{ plaintext: Buffer; ciphertext: string; keyVersion: number; securityLevel: string }>("GenerateDataKey", { name: "media" });
    assert.equal(dataKey.plaintext.length, 32);
    assert.equal(dataKey.securityLevel, "SECURITY_LEVEL_QKD");
    const wrapped = await call<{ plaintext: Buffer }>("GenerateDataKey", { name: "media", wrappedOnly: true });
    assert.equal(wrapped.plaintext.length, 0);
    await assert.rejects(call("Encrypt", { name: "nope", plaintext: Buffer.from("x") }), (e) => isYunxiError(e, "NotFound"));
    await assert.rejects(call("CreateKey", { name: "media" }), (e) => isYunxiError(e, "AlreadyExists"));
    await assert.rejects(call("Decrypt", { name: "media", ciphertext: "garbage" }), (e) => isYunxiError(e, "InvalidArgument"));
    await assert.rejects(call("GetKey", { name: "media" }, { requestId: "no-org" }), (e) => isYunxiError(e, "Unauthenticated"));
    assert.ok(!text().includes(dataKey.plaintext.toString("hex")) && !text().includes(dataKey.plaintext.toString("base64")));
  });

  it("refuses to downgrade for an organisation that requires QKD", async () => {
    const org2 = { requestId: "t2", organisationId: "org-2" };
    const policy = await call<{ suite: string; requireQkd: boolean }>("SetOrganisationPolicy", { suite: "SUITE_AES_256_GCM", requireQkd: true }, org2);
    assert.equal(policy.requireQkd, true);
    qkd.available = false;
    try {
      await assert.rejects(call("CreateKey", { name: "k" }, org2), (e) => isYunxiError(e, "Unavailable") && /requires QKD/.test(e.message));
      const fallback = await call<{ versions: { securityLevel: string }[] }>("CreateKey", { name: "k" }, ctx);
      assert.equal(fallback.versions[0]?.securityLevel, "SECURITY_LEVEL_PQC");
    } finally {
      qkd.available = true;
    }
  });
});
