import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { Server, ServerCredentials, type Client } from "@grpc/grpc-js";
import { applyMigrations, callUnary, createGrpcClient, EmbeddedPostgres, isYunxiError, unavailable, type CallContext, type ErrorKind } from "@yunxi/platform";
import type { KeyMaterial, KeySource } from "../../app/ports.js";
import { createKeyManagement } from "../../module.js";
import { keyManagementConfig } from "../../config.js";
import { captureLogger } from "../../test-logger.js";
import { startLocalIssuer, type LocalIssuer } from "../../test-tokens.js";
import type { RecordedEvent } from "../db/key-store.contract.js";
import { KeyEventOutbox, keyManagementPrismaClient, PrismaKeyStore, PrismaPolicyStore } from "../db/prisma-key-store.js";
import { MIGRATIONS_DIR, outboxKeyEvents } from "../db/prisma-under-test.js";
import { OutboxAuditPublisher } from "../events/event-bus-audit-publisher.js";
import { keyManagementServiceDefinition } from "./key-management-grpc.js";

class SwitchableQkdSource implements KeySource {
  readonly securityLevel = "qkd" as const;
  available = true;
  async obtain(): Promise<KeyMaterial> {
    if (!this.available) throw unavailable("QKD link is down");
    return { material: randomBytes(32), provenance: { securityLevel: "qkd", qkdKeyIds: [randomUUID()], path: ["a", "b"] } };
  }
}

const failsWith = (kind: ErrorKind, pattern?: RegExp) => (e: unknown) => isYunxiError(e, kind) && (!pattern || pattern.test(e.message));
const LIMIT = 20;

describe("KeyManagementService over gRPC (PGlite, tokens from a local JWKS issuer)", { timeout: 60_000 }, () => {
  let server: Server;
  let client: Client;
  let issuer: LocalIssuer;
  let embedded: EmbeddedPostgres;
  let closePrisma: () => Promise<void>;
  const qkd = new SwitchableQkdSource();
  /** The audit events in the outbox, as the relay would publish them. */
  let events: () => Promise<RecordedEvent[]>;
  const { logger, text } = captureLogger();
  let admin: CallContext;
  let member: CallContext;
  let adminB: CallContext;
  const call = <Res>(method: string, request: unknown, context: CallContext) => callUnary<unknown, Res>(client, method, request, context, 10_000);

  before(async () => {
    issuer = await startLocalIssuer();
    embedded = await EmbeddedPostgres.open();
    const db = await embedded.database("key_management");
    await applyMigrations(db, MIGRATIONS_DIR, { schema: "key_management", logger });
    const prisma = keyManagementPrismaClient(db);
    const outbox = new KeyEventOutbox();
    events = () => outboxKeyEvents(db);
    closePrisma = () => prisma.$disconnect();
    const config = keyManagementConfig.schema.parse({ MAX_OPERATIONS_PER_VERSION: String(LIMIT) });
    const { grpc } = await createKeyManagement({
      config,
      logger,
      qkd,
      keys: new PrismaKeyStore(prisma, outbox),
      policies: new PrismaPolicyStore(prisma, outbox),
      audit: new OutboxAuditPublisher(db),
      verifier: issuer.verifier,
      signingSecret: randomBytes(32).toString("base64url"),
    });
    const { service } = keyManagementServiceDefinition();
    server = new Server();
    server.addService(service, grpc);
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    client = createGrpcClient(service, { address: `127.0.0.1:${port}` });
    admin = await issuer.context("admin-a", "org-a", ["administrator"]);
    member = await issuer.context("member-a", "org-a", ["member"]);
    adminB = await issuer.context("admin-b", "org-b", ["administrator"]);
  });
  after(async () => {
    client?.close();
    if (server) await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
    await closePrisma?.();
    await embedded?.close();
    await issuer?.close();
  });

  it("creates a key, encrypts, decrypts, rotates, rewraps and enforces the minimum decryption version", async () => {
    const created = await call<{ name: string; suite: string; latestVersion: number; versions: { securityLevel: string }[] }>("CreateKey", { name: "records", suite: "SUITE_SM4_CTR_HMAC_SM3" }, admin);
    assert.equal(created.suite, "SUITE_SM4_CTR_HMAC_SM3");
    assert.equal(created.latestVersion, 1);
    assert.equal(created.versions[0]?.securityLevel, "SECURITY_LEVEL_QKD");
    const context = Buffer.from("record-1");
    const { ciphertext } = await call<{ ciphertext: string }>("Encrypt", { name: "records", plaintext: Buffer.from("hello"), context }, member);
    assert.match(ciphertext, /^yunxi:v1:sm4-ctr-hmac-sm3:records:1:qkd:/);
    const { plaintext } = await call<{ plaintext: Buffer }>("Decrypt", { name: "records", ciphertext, context }, member);
    assert.equal(plaintext.toString(), "hello");
    const rotated = await call<{ latestVersion: number }>("RotateKey", { name: "records" }, admin);
    assert.equal(rotated.latestVersion, 2);
    const rewrapped = await call<{ ciphertext: string }>("ReWrap", { name: "records", ciphertext, context }, member);
    assert.match(rewrapped.ciphertext, /:records:2:qkd:/);
    await call("SetKeyConfig", { name: "records", minDecryptionVersion: 2 }, admin);
    await assert.rejects(call("Decrypt", { name: "records", ciphertext, context }, member), failsWith("FailedPrecondition"));
    assert.equal((await call<{ plaintext: Buffer }>("Decrypt", { name: "records", ciphertext: rewrapped.ciphertext, context }, member)).plaintext.toString(), "hello");
    // The audit actor is the token's subject, not a header.
    const recorded = await events();
    assert.equal(recorded.find((e) => e.operation === "encrypt")?.actor, "member-a");
    assert.equal(recorded.find((e) => e.operation === "create-key")?.actor, "admin-a");
    assert.equal(recorded.find((e) => e.operation === "decrypt")?.actor, "member-a");
  });

  it("issues data keys (creating the ring on a member's first use) and maps errors to the shared vocabulary", async () => {
    const dataKey = await call<{ plaintext: Buffer; ciphertext: string; keyVersion: number; securityLevel: string }>("GenerateDataKey", { name: "media" }, member);
    assert.equal(dataKey.plaintext.length, 32);
    assert.equal(dataKey.securityLevel, "SECURITY_LEVEL_QKD");
    assert.equal((await events()).find((e) => e.operation === "create-key" && e.keyName === "media")?.actor, "member-a");
    const wrapped = await call<{ plaintext: Buffer }>("GenerateDataKey", { name: "media", wrappedOnly: true }, member);
    assert.equal(wrapped.plaintext.length, 0);
    await assert.rejects(call("Encrypt", { name: "nope", plaintext: Buffer.from("x") }, member), failsWith("NotFound"));
    await assert.rejects(call("CreateKey", { name: "media" }, admin), failsWith("AlreadyExists"));
    await assert.rejects(call("Decrypt", { name: "media", ciphertext: "garbage" }, member), failsWith("InvalidArgument"));
    await assert.rejects(call("CreateKey", { name: "Bad Name!" }, admin), failsWith("InvalidArgument"));
    assert.ok(!text().includes(dataKey.plaintext.toString("hex")) && !text().includes(dataKey.plaintext.toString("base64")));
  });

  it("refuses calls without a valid token, management without keys.manage, and data keys without a member permission", async () => {
    await assert.rejects(call("GetKey", { name: "media" }, { requestId: "no-token", organisationId: "org-a" }), failsWith("Unauthenticated"));
    await assert.rejects(call("GetKey", { name: "media" }, { requestId: "forged", organisationId: "org-a", bearerToken: "not-a-jwt" }), failsWith("Unauthenticated"));
    for (const [method, request] of [
      ["CreateKey", { name: "members-key" }],
      ["RotateKey", { name: "media" }],
      ["SetKeyConfig", { name: "media", minDecryptionVersion: 1 }],
      ["SetOrganisationPolicy", { suite: "SUITE_AES_256_GCM", requireQkd: true }],
    ] as const) {
      await assert.rejects(call(method, request, member), failsWith("PermissionDenied", /keys\.manage/), method);
    }
    const nobody = await issuer.context("nobody-a", "org-a", []);
    await assert.rejects(call("Encrypt", { name: "media", plaintext: Buffer.from("x") }, nobody), failsWith("PermissionDenied"));
    await assert.rejects(call("GenerateDataKey", { name: "media" }, nobody), failsWith("PermissionDenied"));
    const service = await issuer.context("svc", "org-a", ["administrator"], { yunxi_service: "media" });
    await assert.rejects(call("GetKey", { name: "media" }, service), failsWith("PermissionDenied"));
    // Nothing changed: the refused policy and key were not written.
    assert.equal((await call<{ requireQkd: boolean }>("GetOrganisationPolicy", {}, admin)).requireQkd, false);
    await assert.rejects(call("GetKey", { name: "members-key" }, admin), failsWith("NotFound"));
    for (const token of issuer.issued) assert.ok(!text().includes(token), "a token reached the log");
  });

  it("lets media's background work use (never manage) the data keys of the organisation it names, and no other service", async () => {
    const asService = (service: string, organisationId: string) =>
      issuer.context(`service:${service}`, organisationId, [], { yunxi_org: undefined, roles: undefined, yunxi_service: service });
    const context = Buffer.from("device-photo");
    const media = await asService("media", "org-a");
    const dataKey = await call<{ plaintext: Buffer; ciphertext: string }>("GenerateDataKey", { name: "media", context }, media);
    // What media wrapped for org A, a member of org A unwraps, and org B's service call cannot.
    const unwrapped = await call<{ plaintext: Buffer }>("Decrypt", { name: "media", ciphertext: dataKey.ciphertext, context }, member);
    assert.deepEqual(unwrapped.plaintext, dataKey.plaintext);
    await assert.rejects(call("Decrypt", { name: "media", ciphertext: dataKey.ciphertext, context }, await asService("media", "org-b")), failsWith("NotFound"));
    assert.equal((await events()).filter((e) => e.actor === "service:media").length > 0, true, "the service is named in the key audit");
    await assert.rejects(call("RotateKey", { name: "media" }, media), failsWith("PermissionDenied", /only use data keys/));
    await assert.rejects(call("GenerateDataKey", { name: "media", context }, await asService("audit", "org-a")), failsWith("PermissionDenied"));
    const withoutOrganisation = await asService("media", "org-a");
    await assert.rejects(call("GenerateDataKey", { name: "media", context }, { requestId: "r", bearerToken: withoutOrganisation.bearerToken! }), failsWith("InvalidArgument"));
  });

  it("keeps organisations apart: org B's caller cannot read, use or change org A's keys", async () => {
    const context = Buffer.from("iso");
    const { ciphertext } = await call<{ ciphertext: string }>("Encrypt", { name: "records", plaintext: Buffer.from("org-a secret"), context }, admin);
    await assert.rejects(call("GetKey", { name: "records" }, adminB), failsWith("NotFound"));
    await assert.rejects(call("Decrypt", { name: "records", ciphertext, context }, adminB), failsWith("NotFound"));
    await assert.rejects(call("RotateKey", { name: "records" }, adminB), failsWith("NotFound"));
    // Claiming org A in the header with org B's token is refused outright.
    await assert.rejects(call("Decrypt", { name: "records", ciphertext, context }, { ...adminB, organisationId: "org-a" }), failsWith("PermissionDenied"));
    // Org B's own ring of the same name does not open org A's ciphertext.
    await call("CreateKey", { name: "records", suite: "SUITE_SM4_CTR_HMAC_SM3" }, adminB);
    await assert.rejects(call("Decrypt", { name: "records", ciphertext, context }, adminB), failsWith("InvalidArgument"));
    assert.equal((await call<{ latestVersion: number }>("GetKey", { name: "records" }, admin)).latestVersion, 2);
    assert.equal((await call<{ plaintext: Buffer }>("Decrypt", { name: "records", ciphertext, context }, admin)).plaintext.toString(), "org-a secret");
  });

  it("50 concurrent encryptions never pass the per-version limit: versions rotate and every ciphertext decrypts", async () => {
    await call("CreateKey", { name: "busy" }, admin);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => call<{ ciphertext: string }>("Encrypt", { name: "busy", plaintext: Buffer.from(`m${i}`) }, member)),
    );
    const info = await call<{ versions: { version: number; operations: string }[] }>("GetKey", { name: "busy" }, admin);
    const operations = info.versions.map((v) => Number(v.operations));
    assert.ok(operations.every((n) => n <= LIMIT), `operations per version ${operations.join(",")}`);
    assert.equal(operations.reduce((a, b) => a + b, 0), 50);
    assert.equal(info.versions.length, 3);
    const plaintexts = await Promise.all(results.map((r) => call<{ plaintext: Buffer }>("Decrypt", { name: "busy", ciphertext: r.ciphertext }, member)));
    assert.deepEqual(plaintexts.map((p) => p.plaintext.toString()).sort(), Array.from({ length: 50 }, (_, i) => `m${i}`).sort());
  });

  it("refuses to downgrade for an organisation that requires QKD", async () => {
    const policy = await call<{ suite: string; requireQkd: boolean }>("SetOrganisationPolicy", { suite: "SUITE_AES_256_GCM", requireQkd: true }, adminB);
    assert.equal(policy.requireQkd, true);
    qkd.available = false;
    try {
      await assert.rejects(call("CreateKey", { name: "k" }, adminB), failsWith("Unavailable", /requires QKD/));
      const fallback = await call<{ versions: { securityLevel: string }[] }>("CreateKey", { name: "k" }, admin);
      assert.equal(fallback.versions[0]?.securityLevel, "SECURITY_LEVEL_PQC");
    } finally {
      qkd.available = true;
    }
  });
});
