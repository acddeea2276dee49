import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { Server, ServerCredentials, type Client, type ServiceDefinition, type UntypedServiceImplementation } from "@grpc/grpc-js";
import { callUnary, createGrpcClient, decodeEvent, isYunxiError, type BusMessage, type EventBus } from "@yunxi/platform";
import { KEY_OPERATION_TOPIC, keyOperationEventType } from "./adapters/events/event-bus-audit-publisher.js";
import { keyManagementConfig } from "./config.js";
import { keyManagementModule } from "./module.js";
import { captureLogger } from "./test-logger.js";

describe("key-management module (embedded: built-in KME simulator over ETSI 014 mTLS)", { timeout: 30_000 }, () => {
  const stops: (() => Promise<void> | void)[] = [];
  let server: Server | undefined;
  let client: Client | undefined;
  after(async () => {
    client?.close();
    if (server) await new Promise<void>((resolve) => server?.tryShutdown(() => resolve()));
    for (const stop of stops.reverse()) await stop();
  });

  it("starts, draws QKD keys from the simulator, and refuses to downgrade once the link's pool is spent", async () => {
    const { logger, text } = captureLogger();
    const published: BusMessage[] = [];
    const bus: EventBus = {
      publish: async (messages) => void published.push(...messages),
      subscribe: async () => ({ close: async () => undefined }),
      close: async () => undefined,
    };
    let registered: { definition: ServiceDefinition; implementation: UntypedServiceImplementation } | undefined;
    const config = keyManagementConfig.schema.parse({ SIM_CAPACITY_KEYS: "3", SIM_RATE_BITS_PER_SECOND: "0", POOL_LOW_WATERMARK: "0", POOL_HIGH_WATERMARK: "3", REQUIRE_QKD: "true" });
    const context = {
      name: "key-management",
      config,
      logger,
      dataDir: "/nonexistent",
      grpc: { addService: (definition: ServiceDefinition, implementation: UntypedServiceImplementation) => void (registered = { definition, implementation }) },
      infrastructure: { eventBus: async () => bus },
      onStop: (stop: () => Promise<void> | void) => void stops.push(stop),
    };
    // Only the parts of ModuleContext this module uses are provided.
    await keyManagementModule.start(context as unknown as Parameters<typeof keyManagementModule.start>[0]);
    assert.ok(registered);
    server = new Server();
    server.addService(registered.definition, registered.implementation);
    const port = await new Promise<number>((resolve, reject) => server?.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
    client = createGrpcClient(registered.definition, { address: `127.0.0.1:${port}` });
    const ctx = { requestId: "m", organisationId: "org-1" };
    const call = <Res>(method: string, request: unknown) => callUnary<unknown, Res>(client as Client, method, request, ctx, 10_000);

    const created = await call<{ versions: { securityLevel: string }[] }>("CreateKey", { name: "k" });
    assert.equal(created.versions[0]?.securityLevel, "SECURITY_LEVEL_QKD");
    await call("RotateKey", { name: "k" });
    await call("RotateKey", { name: "k" });
    // The link held 3 keys and never refills: the fourth KEK version must be refused, not downgraded.
    await assert.rejects(call("RotateKey", { name: "k" }), (e) => isYunxiError(e, "Unavailable") && /requires QKD/.test(e.message));
    const info = await call<{ latestVersion: number }>("GetKey", { name: "k" });
    assert.equal(info.latestVersion, 3);
    assert.match(text(), /built-in KME simulator listening/);

    // Audit events went out on the bus as protobuf, one per operation, with the refusal recorded.
    const type = keyOperationEventType();
    const events = published.map((m) => {
      assert.equal(m.topic, KEY_OPERATION_TOPIC);
      assert.equal(m.key, "org-1");
      return decodeEvent<{ operation: string; outcome: string; qkdKeyIds: string[]; securityLevel: string }>(m, type).payload;
    });
    assert.deepEqual(events.map((e) => `${e.operation}:${e.outcome}`), ["create-key:ok", "rotate-key:ok", "rotate-key:ok", "downgrade-refused:refused"]);
    assert.equal(events[0]?.securityLevel, "qkd");
    assert.equal(events[0]?.qkdKeyIds.length, 1);
  });
});
