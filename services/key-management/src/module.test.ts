import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { ServiceDefinition, UntypedServiceImplementation } from "@grpc/grpc-js";
import {
  applyMigrations,
  callUnary,
  createGrpcClient,
  decodeEvent,
  EmbeddedPostgres,
  isYunxiError,
  platformConfigSpec,
  type BusMessage,
  type CallContext,
  type EventBus,
  type Logger,
  type SqlDatabase,
} from "@yunxi/platform";
import { startTestGrpcServer } from "@yunxi/platform/testing";
import { MIGRATIONS_DIR } from "./adapters/db/prisma-under-test.js";
import { KEY_OPERATION_TOPIC, keyOperationEventType } from "./adapters/events/event-bus-audit-publisher.js";
import { keyManagementConfig } from "./config.js";
import { keyManagementModule } from "./module.js";
import { captureLogger } from "./test-logger.js";
import { startLocalIssuer, type LocalIssuer } from "./test-tokens.js";

interface Running {
  call<Res>(method: string, request: unknown, context: CallContext): Promise<Res>;
  stop(): Promise<void>;
}

/** Starts the module as the runtime would (migrations applied first), served on a gRPC port 0. */
async function startModule(options: { db: SqlDatabase; bus: EventBus; logger: Logger; issuer: LocalIssuer; signingSecret: string; config?: Record<string, string> }): Promise<Running> {
  const stops: (() => Promise<void> | void)[] = [];
  let registered: { definition: ServiceDefinition; implementation: UntypedServiceImplementation } | undefined;
  await applyMigrations(options.db, MIGRATIONS_DIR, { schema: "key_management", logger: options.logger });
  const context = {
    name: "key-management",
    config: keyManagementConfig.schema.parse(options.config ?? {}),
    platform: platformConfigSpec.schema.parse({ OIDC_ISSUER: options.issuer.issuer, SIGNING_SECRET: options.signingSecret }),
    logger: options.logger,
    dataDir: "/nonexistent",
    grpc: { addService: (definition: ServiceDefinition, implementation: UntypedServiceImplementation) => void (registered = { definition, implementation }) },
    infrastructure: { database: async () => options.db, eventBus: async () => options.bus },
    onStop: (stop: () => Promise<void> | void) => void stops.push(stop),
  };
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  try {
    // Only the parts of ModuleContext this module uses are provided.
    await keyManagementModule.start(context as unknown as Parameters<typeof keyManagementModule.start>[0]);
  } catch (error) {
    await stopAll();
    throw error;
  }
  assert.ok(registered);
  const server = await startTestGrpcServer([{ definition: registered.definition, implementation: registered.implementation }]);
  const client = createGrpcClient(registered.definition, { address: server.address });
  return {
    call: <Res>(method: string, request: unknown, ctx: CallContext) => callUnary<unknown, Res>(client, method, request, ctx, 10_000),
    stop: async () => {
      client.close();
      await server.close();
      await stopAll();
    },
  };
}

function recordingBus(): { bus: EventBus; published: BusMessage[] } {
  const published: BusMessage[] = [];
  const bus: EventBus = {
    publish: async (messages) => void published.push(...messages),
    subscribe: async () => ({ close: async () => undefined }),
    close: async () => undefined,
  };
  return { bus, published };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("key-management module (embedded: PGlite, built-in KME simulator over ETSI 014 mTLS)", { timeout: 90_000 }, () => {
  let issuer: LocalIssuer;
  let dataDir: string;
  const signingSecret = randomBytes(32).toString("base64url");
  before(async () => {
    issuer = await startLocalIssuer();
    dataDir = await mkdtemp(join(tmpdir(), "yunxi-kms-"));
  });
  after(async () => {
    await issuer?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("draws QKD keys from the simulator, refuses to downgrade once the link's pool is spent, and relays audit events from the outbox", async () => {
    const { logger, text } = captureLogger();
    const { bus, published } = recordingBus();
    const embedded = await EmbeddedPostgres.open();
    const running = await startModule({
      db: await embedded.database("key_management"),
      bus,
      logger,
      issuer,
      signingSecret,
      config: { SIM_CAPACITY_KEYS: "3", SIM_RATE_BITS_PER_SECOND: "0", POOL_LOW_WATERMARK: "0", POOL_HIGH_WATERMARK: "3", REQUIRE_QKD: "true" },
    });
    try {
      const admin = await issuer.context("admin-1", "org-1", ["administrator"]);
      const created = await running.call<{ versions: { securityLevel: string }[] }>("CreateKey", { name: "k" }, admin);
      assert.equal(created.versions[0]?.securityLevel, "SECURITY_LEVEL_QKD");
      await running.call("RotateKey", { name: "k" }, admin);
      await running.call("RotateKey", { name: "k" }, admin);
      // The link held 3 keys and never refills: the fourth KEK version must be refused, not downgraded.
      await assert.rejects(running.call("RotateKey", { name: "k" }, admin), (e) => isYunxiError(e, "Unavailable") && /requires QKD/.test(e.message));
      const info = await running.call<{ latestVersion: number }>("GetKey", { name: "k" }, admin);
      assert.equal(info.latestVersion, 3);
      assert.match(text(), /built-in KME simulator listening/);

      // Audit events reach the bus through the outbox as protobuf, one per operation, with the refusal recorded.
      await waitFor(() => published.length >= 4, "four relayed audit events");
      const type = keyOperationEventType();
      const events = published.map((m) => {
        assert.equal(m.topic, KEY_OPERATION_TOPIC);
        assert.equal(m.key, "org-1");
        return decodeEvent<{ operation: string; outcome: string; actor: string; qkdKeyIds: string[]; securityLevel: string }>(m, type).payload;
      });
      assert.deepEqual(events.map((e) => `${e.operation}:${e.outcome}`), ["create-key:ok", "rotate-key:ok", "rotate-key:ok", "downgrade-refused:refused"]);
      assert.equal(events[0]?.securityLevel, "qkd");
      assert.equal(events[0]?.actor, "admin-1");
      assert.equal(events[0]?.qkdKeyIds.length, 1);
    } finally {
      await running.stop();
      await embedded.close();
    }
  });

  it("keeps keys across a restart over the same data, and refuses to start with a storage key that cannot unwrap them", async () => {
    const { logger } = captureLogger();
    const { bus } = recordingBus();
    const member = await issuer.context("member-1", "org-1", ["member"]);
    const context = Buffer.from("object-7");
    const open = async (secret: string, config: Record<string, string> = {}) => {
      const embedded = await EmbeddedPostgres.open({ dataDir });
      try {
        return { embedded, running: await startModule({ db: await embedded.database("key_management"), bus, logger, issuer, signingSecret: secret, config }) };
      } catch (error) {
        await embedded.close();
        throw error;
      }
    };

    const first = await open(signingSecret);
    let ciphertext: string;
    let dataKey: { plaintext: Buffer; ciphertext: string };
    try {
      dataKey = await first.running.call<{ plaintext: Buffer; ciphertext: string }>("GenerateDataKey", { name: "media", context }, member);
      ciphertext = (await first.running.call<{ ciphertext: string }>("Encrypt", { name: "media", plaintext: Buffer.from("before restart"), context }, member)).ciphertext;
    } finally {
      await first.running.stop();
      await first.embedded.close();
    }

    const second = await open(signingSecret);
    try {
      const { plaintext } = await second.running.call<{ plaintext: Buffer }>("Decrypt", { name: "media", ciphertext, context }, member);
      assert.equal(plaintext.toString(), "before restart");
      const unwrapped = await second.running.call<{ plaintext: Buffer }>("Decrypt", { name: "media", ciphertext: dataKey.ciphertext, context }, member);
      assert.deepEqual(unwrapped.plaintext, dataKey.plaintext);
    } finally {
      await second.running.stop();
      await second.embedded.close();
    }

    // Another signing secret derives another storage key; an explicit wrong STORAGE_KEY is refused the same way.
    await assert.rejects(open(randomBytes(32).toString("base64url")), (e) => isYunxiError(e, "FailedPrecondition") && /cannot be unwrapped/.test(e.message));
    await assert.rejects(open(signingSecret, { STORAGE_KEY: randomBytes(32).toString("base64") }), (e) => isYunxiError(e, "FailedPrecondition") && /cannot be unwrapped/.test(e.message));
  });
});
