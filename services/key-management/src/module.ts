import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { defineModule, type Logger } from "@yunxi/platform";
import { AesGcmMaterialSealer } from "./adapters/crypto/aes-gcm-material-sealer.js";
import { createSuiteCiphers } from "./adapters/crypto/ciphers.js";
import { Etsi014Client } from "./adapters/etsi014/etsi014-client.js";
import { Etsi014KeySource } from "./adapters/etsi014/etsi014-key-source.js";
import { KmeHttpsServer } from "./adapters/etsi014/kme-https-server.js";
import { KmeSimulator } from "./adapters/etsi014/kme-simulator.js";
import { generateSimulatorPki } from "./adapters/etsi014/pki.js";
import { keyManagementServiceDefinition, makeKeyManagementGrpc, type Authenticate } from "./adapters/grpc/key-management-grpc.js";
import { EventBusAuditPublisher } from "./adapters/events/event-bus-audit-publisher.js";
import { MemoryAuditPublisher } from "./adapters/memory/memory-audit-publisher.js";
import { MemoryKeyStore, MemoryPolicyStore } from "./adapters/memory/memory-key-store.js";
import { HybridPqcKeySource, LocalHybridKemPeer, type HybridKemPeer } from "./adapters/pqc/hybrid-pqc-key-source.js";
import { makeEnvelopeService, type EnvelopeService } from "./app/envelope-service.js";
import type { AuditPublisher, KeySource, KeyStore, PolicyStore } from "./app/ports.js";
import { keyManagementConfig, type KeyManagementConfig } from "./config.js";
import { QKD_LINK_PROFILES } from "./domain/qkd-link-profiles.js";

export interface KeyManagementDeps {
  readonly config: KeyManagementConfig;
  readonly logger: Logger;
  readonly qkd: KeySource;
  /** The peer site for the hybrid exchange; an in-process peer when absent (embedded mode). */
  readonly pqcPeer?: HybridKemPeer;
  readonly keys?: KeyStore;
  readonly policies?: PolicyStore;
  readonly audit?: AuditPublisher;
  readonly authenticate?: Authenticate;
}

/** Builds the use cases and the gRPC implementation from ports (plain factory, no container). */
export function createKeyManagement(deps: KeyManagementDeps): { service: EnvelopeService; grpc: ReturnType<typeof makeKeyManagementGrpc>; audit: AuditPublisher } {
  const { config, logger } = deps;
  const audit = deps.audit ?? new MemoryAuditPublisher();
  const storageKey = config.STORAGE_KEY ? Buffer.from(config.STORAGE_KEY, "base64") : randomBytes(32);
  const service = makeEnvelopeService({
    // Memory stores until the Prisma-backed KeyStore lands; keys do not survive a restart yet.
    keys: deps.keys ?? new MemoryKeyStore(),
    policies: deps.policies ?? new MemoryPolicyStore(),
    ciphers: createSuiteCiphers(),
    qkd: deps.qkd,
    pqc: new HybridPqcKeySource(config.SAE_ID, deps.pqcPeer ?? new LocalHybridKemPeer(config.PEER_SAE_ID)),
    sealer: new AesGcmMaterialSealer(storageKey),
    audit,
    clock: { now: () => new Date() },
    logger,
    defaultPolicy: { suite: config.DEFAULT_SUITE, requireQkd: config.REQUIRE_QKD },
    combineWithPqc: config.COMBINE_WITH_PQC,
    maxOperationsPerVersion: config.MAX_OPERATIONS_PER_VERSION,
  });
  storageKey.fill(0);
  return { service, grpc: makeKeyManagementGrpc(service, logger, deps.authenticate), audit };
}

/**
 * The ETSI 014 client and its certificates: the configured KME, or the built-in simulator started here
 * on 127.0.0.1 with an in-process PKI (one link between SAE_ID and PEER_SAE_ID).
 */
async function connectKme(config: KeyManagementConfig, logger: Logger): Promise<{ client: Etsi014Client; stop: () => Promise<void> }> {
  if (config.KME_URL) {
    const [ca, cert, key] = await Promise.all([config.KME_CA_FILE, config.KME_CERT_FILE, config.KME_KEY_FILE].map((f) => readFile(f as string, "utf8")));
    const client = new Etsi014Client({ baseUrl: config.KME_URL, ca: ca as string, cert: cert as string, key: key as string, ...(config.KME_ID ? { kmeId: config.KME_ID } : {}) });
    return { client, stop: async () => client.close() };
  }
  const kmeId = "yunxi-kme-sim";
  const pki = await generateSimulatorPki({ kmeId, saeIds: [config.SAE_ID, config.PEER_SAE_ID] });
  const simulator = new KmeSimulator(kmeId, [
    { saeA: config.SAE_ID, saeB: config.PEER_SAE_ID, rateBitsPerSecond: config.SIM_RATE_BITS_PER_SECOND ?? QKD_LINK_PROFILES[config.SIM_PROFILE], capacityKeys: config.SIM_CAPACITY_KEYS },
  ]);
  const server = new KmeHttpsServer({ simulator, cert: pki.kme.cert, key: pki.kme.key, ca: pki.ca.cert, logger });
  const { url } = await server.listen();
  const identity = pki.saes.get(config.SAE_ID);
  if (!identity) throw new Error("simulator PKI lacks the local SAE");
  const client = new Etsi014Client({ baseUrl: url, ca: pki.ca.cert, cert: identity.cert, key: identity.key, kmeId });
  logger.info({ url, profile: config.SIM_PROFILE, capacityKeys: config.SIM_CAPACITY_KEYS }, "built-in KME simulator listening");
  return {
    client,
    stop: async () => {
      client.close();
      await server.close();
    },
  };
}

export const keyManagementModule = defineModule({
  name: "key-management",
  description: "QKD key pools (ETSI GS QKD 014), trusted-node relay, envelope encryption (AES-256-GCM / SM4), PQC hybrid fallback",
  config: keyManagementConfig,
  async start(ctx) {
    const config = ctx.config as KeyManagementConfig;
    const kme = await connectKme(config, ctx.logger);
    ctx.onStop(kme.stop);
    const qkd = new Etsi014KeySource({
      client: kme.client,
      localSaeId: config.SAE_ID,
      peerSaeId: config.PEER_SAE_ID,
      lowWatermark: config.POOL_LOW_WATERMARK,
      highWatermark: config.POOL_HIGH_WATERMARK,
      logger: ctx.logger,
    });
    // A KME that is down at startup must not stop the process: keys fall back per policy and refill later.
    await qkd.refill().catch((error: unknown) => ctx.logger.warn({ err: error instanceof Error ? error.message : String(error) }, "initial qkd refill failed"));
    const audit = new EventBusAuditPublisher(await ctx.infrastructure.eventBus());
    const { grpc } = createKeyManagement({ config, logger: ctx.logger, qkd, audit });
    const { service, packageDefinition } = keyManagementServiceDefinition();
    ctx.grpc.addService(service, grpc, packageDefinition);
  },
});
