import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Client, ServiceDefinition, UntypedServiceImplementation } from "@grpc/grpc-js";
import protobuf from "protobufjs";
import {
  callUnary,
  createGrpcClient,
  createRootLogger,
  encodeEvent,
  InProcessEventBus,
  isYunxiError,
  PgliteSqlDatabase,
  platformConfigSpec,
  applyMigrations,
  type CallContext,
} from "@yunxi/platform";
import { startTestGrpcServer, startTestIssuer, type TestGrpcServer, type TestIssuer } from "@yunxi/platform/testing";
import { PROTO_ROOT } from "@yunxi/proto";
import { auditConfig } from "./config.js";
import { verifyEvidenceBundle } from "./domain/evidence-bundle.js";
import { verifyInclusion } from "./domain/merkle.js";
import { auditModule } from "./module.js";
import { MIGRATIONS_DIR } from "./testing/open-test-ledger.js";

const KEY_TOPIC = "yunxi.key-management.v1.key-operation";
const UNKNOWN_TOPIC = "yunxi.sealsim.v1.test-thing";

interface EntryMsg {
  sequence: string;
  kind: string;
  organisationId: string;
  payloadJson: string;
  applicationId: string;
  aggregateId: string;
  hash: string;
}

describe("audit module over PGlite: gRPC, tokens, ingestion, proofs, tampering, isolation", { timeout: 120_000 }, () => {
  const stops: (() => Promise<void> | void)[] = [];
  let tokens: TestIssuer;
  let server: TestGrpcServer;
  let client: Client;
  let db: PgliteSqlDatabase;
  let bus: InProcessEventBus;
  const orgA = `org-a-${randomUUID()}`;
  const orgB = `org-b-${randomUUID()}`;
  const logger = createRootLogger({ level: "silent" });

  const token = (org: string, roles: string[], sub = "user-1") => tokens.sign({ yunxi_org: org, roles }, sub, "5m");
  const call = async <Res>(method: string, request: unknown, context: Partial<CallContext> & { token?: string }) =>
    callUnary<unknown, Res>(client, method, request, { requestId: randomUUID(), ...(context.token ? { bearerToken: context.token } : {}), ...(context.organisationId ? { organisationId: context.organisationId } : {}) }, 20_000);

  before(async () => {
    // Stands in for the built-in issuer the module's own verifier finds through HTTP_PORT.
    tokens = await startTestIssuer({ path: "/oidc" });
    const port = new URL(tokens.issuer).port;

    db = await PgliteSqlDatabase.open({ schema: "audit" });
    await applyMigrations(db, MIGRATIONS_DIR, { schema: "audit" });
    bus = InProcessEventBus.inMemory({ logger, pollIntervalMs: 50 });
    let registered: { definition: ServiceDefinition; implementation: UntypedServiceImplementation } | undefined;
    const context = {
      name: "audit",
      config: auditConfig.schema.parse({ TOPICS: `${KEY_TOPIC},${UNKNOWN_TOPIC}`, CHECKPOINT_EVERY: "3" }),
      platform: platformConfigSpec.schema.parse({ HTTP_PORT: port, CONNECT_TIMEOUT_MS: "3000" }),
      logger,
      dataDir: "/nonexistent",
      grpc: { addService: (definition: ServiceDefinition, implementation: UntypedServiceImplementation) => void (registered = { definition, implementation }) },
      infrastructure: { database: async () => db, eventBus: async () => bus },
      onStop: (stop: () => Promise<void> | void) => void stops.push(stop),
    };
    // Only the parts of ModuleContext this module uses are provided.
    await auditModule.start(context as unknown as Parameters<typeof auditModule.start>[0]);
    assert.ok(registered);
    server = await startTestGrpcServer([{ definition: registered.definition, implementation: registered.implementation }]);
    client = createGrpcClient(registered.definition, { address: server.address });
  });

  after(async () => {
    client?.close();
    if (server) await server.close();
    for (const stop of stops.reverse()) await stop();
    await bus?.close();
    await db?.close();
    await tokens?.close();
  });

  it("refuses calls without a token, with a bad one, or without evidence.read", async () => {
    await assert.rejects(call("GetPublicKey", {}, {}), (e: unknown) => isYunxiError(e, "Unauthenticated"));
    await assert.rejects(call("GetPublicKey", {}, { token: "a.b.c" }), (e: unknown) => isYunxiError(e, "Unauthenticated"));
    for (const role of ["member", "approver", "seal_keeper"]) {
      await assert.rejects(call("ListEntries", { subject: "x" }, { token: await token(orgA, [role]) }), (e: unknown) => isYunxiError(e, "PermissionDenied"), role);
    }
    const key = await call<{ algorithm: string; keyId: string }>("GetPublicKey", {}, { token: await token(orgA, ["auditor"]) });
    assert.equal(key.algorithm, "Ed25519");
    assert.match(key.keyId, /^[0-9a-f]{32}$/);
  });

  it("records bus events once each (redelivery included), decoding known types and keeping unknown ones as bytes", async () => {
    const keyType = protobuf.loadSync(join(PROTO_ROOT, "yunxi/key_management/v1/events.proto")).lookupType("yunxi.key_management.v1.KeyOperationEvent");
    const unknownRoot = protobuf.Root.fromJSON({ nested: { yunxi: { nested: { sealsim: { nested: { v1: { nested: { TestThing: { fields: { applicationId: { type: "string", id: 1 } } } } } } } } } } });
    const unknownType = unknownRoot.lookupType("yunxi.sealsim.v1.TestThing");
    const keyEvent = encodeEvent({
      topic: KEY_TOPIC,
      type: keyType,
      organisationId: orgA,
      aggregateId: orgA,
      payload: { operation: "create-key", outcome: "ok", actor: "user-7", organisationId: orgA, keyName: "media", keyVersion: 1, securityLevel: "qkd", qkdKeyIds: ["k-1"], occurredAt: new Date().toISOString() },
    });
    const other = encodeEvent({ topic: UNKNOWN_TOPIC, type: unknownType, organisationId: orgA, aggregateId: "app-42", payload: { applicationId: "app-42" } });
    const forB = encodeEvent({ topic: UNKNOWN_TOPIC, type: unknownType, organisationId: orgB, aggregateId: "app-b", payload: { applicationId: "app-b" } });
    await bus.publish([keyEvent, keyEvent, other, forB]);
    await bus.publish([keyEvent]);
    const auditorA = await token(orgA, ["auditor"]);
    let listed: EntryMsg[] = [];
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const byOrg = await call<{ entries: EntryMsg[] }>("ListEntries", { subject: orgA }, { token: auditorA });
      const byApp = await call<{ entries: EntryMsg[] }>("ListEntries", { subject: "app-42" }, { token: auditorA });
      listed = [...byOrg.entries, ...byApp.entries];
      if (listed.length >= 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // Let any (wrong) second copy of the redelivered event land before counting.
    await new Promise((r) => setTimeout(r, 500));
    const all = await call<{ entries: EntryMsg[] }>("ListEntries", { subject: orgA }, { token: auditorA });
    assert.equal(all.entries.length, 1, "the key event, published three times, is recorded once");
    const keyEntry = all.entries[0]!;
    assert.equal(keyEntry.kind, "key-management.key-operation");
    assert.equal(JSON.parse(keyEntry.payloadJson).data.keyName, "media");
    const unknown = (await call<{ entries: EntryMsg[] }>("ListEntries", { subject: "app-42" }, { token: auditorA })).entries;
    assert.equal(unknown.length, 1);
    assert.equal(unknown[0]!.kind, "sealsim.test-thing");
    assert.equal(JSON.parse(unknown[0]!.payloadJson).protobufBase64, Buffer.from(other.value).toString("base64"));
    assert.deepEqual(listed.map((e) => e.sequence).sort(), ["1", "2"]);
  });

  it("proves inclusion and exports a bundle the offline verifier accepts", async () => {
    const auditorA = await token(orgA, ["auditor"]);
    const proof = await call<{ entry: EntryMsg; checkpoint: { treeSize: string; rootHash: string }; leafIndex: string; auditPath: string[] }>("GetInclusionProof", { sequence: "1" }, { token: auditorA });
    assert.equal(proof.checkpoint.treeSize, "2", "made on demand: no automatic checkpoint before 3 entries");
    assert.ok(verifyInclusion(Buffer.from(proof.entry.hash, "hex"), Number(proof.leafIndex), Number(proof.checkpoint.treeSize), proof.auditPath.map((p) => Buffer.from(p, "hex")), Buffer.from(proof.checkpoint.rootHash, "hex")));
    const exported = await call<{ bundleJson: string; entries: number }>("ExportEvidence", { subject: "app-42" }, { token: await token(orgA, ["administrator"]) });
    assert.equal(exported.entries, 1);
    const key = await call<{ publicKeyPem: string }>("GetPublicKey", {}, { token: auditorA });
    const verdict = verifyEvidenceBundle(JSON.parse(exported.bundleJson), { trustedPublicKeyPem: key.publicKeyPem });
    assert.deepEqual(verdict.problems, []);
    assert.equal(verdict.entriesVerified, 1);
  });

  it("keeps organisation B out of A's ledger", async () => {
    const auditorB = await token(orgB, ["auditor"]);
    assert.deepEqual((await call<{ entries: EntryMsg[] }>("ListEntries", { subject: "app-42" }, { token: auditorB })).entries, []);
    assert.deepEqual((await call<{ entries: EntryMsg[] }>("ListEntries", { subject: orgA }, { token: auditorB })).entries, []);
    await assert.rejects(call("GetInclusionProof", { sequence: "2" }, { token: auditorB }), (e: unknown) => isYunxiError(e, "NotFound"));
    await assert.rejects(call("ExportEvidence", { subject: "app-42" }, { token: auditorB }), (e: unknown) => isYunxiError(e, "NotFound"));
    const own = await call<{ entries: EntryMsg[] }>("ListEntries", { subject: "app-b" }, { token: auditorB });
    assert.equal(own.entries.length, 1);
    assert.equal(own.entries[0]!.sequence, "1");
    // A token of B cannot be pointed at A's organisation by header.
    await assert.rejects(call("ListEntries", { subject: "app-42" }, { token: auditorB, organisationId: orgA }), (e: unknown) => isYunxiError(e, "PermissionDenied"));
  });

  it("refuses bad input with field violations and changes nothing", async () => {
    const auditorA = await token(orgA, ["auditor"]);
    const before = await call<{ ok: boolean; checked: string }>("VerifyChain", {}, { token: auditorA });
    await assert.rejects(call("ListEntries", { subject: "" }, { token: auditorA }), (e: unknown) => isYunxiError(e, "InvalidArgument") && e.violations.some((v) => v.field === "subject"));
    await assert.rejects(call("ListEntries", { subject: "x", limit: 5000 }, { token: auditorA }), (e: unknown) => isYunxiError(e, "InvalidArgument") && e.violations.some((v) => v.field === "limit"));
    await assert.rejects(call("GetInclusionProof", { sequence: "0" }, { token: auditorA }), (e: unknown) => isYunxiError(e, "InvalidArgument") && e.violations.some((v) => v.field === "sequence"));
    await assert.rejects(call("VerifyChain", { toSequence: "99" }, { token: auditorA }), (e: unknown) => isYunxiError(e, "InvalidArgument") && e.violations.some((v) => v.field === "toSequence"));
    const afterwards = await call<{ ok: boolean; checked: string }>("VerifyChain", {}, { token: auditorA });
    assert.deepEqual(afterwards, before);
  });

  it("verifies the chain, and finds one changed stored byte on the server and offline", async () => {
    const auditorA = await token(orgA, ["auditor"]);
    const intact = await call<{ ok: boolean; checked: string; firstBrokenSequence: string }>("VerifyChain", {}, { token: auditorA });
    assert.equal(intact.ok, true);
    assert.equal(intact.checked, "2");
    const exportedBefore = await call<{ bundleJson: string }>("ExportEvidence", { subject: "app-42" }, { token: auditorA });
    await db.transaction(async (tx) => {
      await tx.query("ALTER TABLE ledger_entry DISABLE TRIGGER ledger_entry_append_only");
      await tx.query("UPDATE ledger_entry SET aggregate_id = 'app-43' WHERE organisation_id = $1 AND aggregate_id = 'app-42'", [orgA]);
      await tx.query("ALTER TABLE ledger_entry ENABLE TRIGGER ledger_entry_append_only");
    });
    const broken = await call<{ ok: boolean; firstBrokenSequence: string; problem: string }>("VerifyChain", {}, { token: auditorA });
    assert.equal(broken.ok, false);
    const tamperedSequence = JSON.parse(exportedBefore.bundleJson).entries[0].entry.sequence as number;
    assert.equal(broken.firstBrokenSequence, String(tamperedSequence));
    const bundle = JSON.parse(exportedBefore.bundleJson);
    bundle.entries[0].entry.aggregateId = "app-43";
    assert.equal(verifyEvidenceBundle(bundle).ok, false);
  });
});
