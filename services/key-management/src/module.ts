import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { createTokenVerifier, defineModule, internal, OutboxRelay, schemaNameOf, signingSecret, type Logger, type TokenVerifier } from "@yunxi/platform";
import { AesGcmMaterialSealer } from "./adapters/crypto/aes-gcm-material-sealer.js";
import { createSuiteCiphers } from "./adapters/crypto/ciphers.js";
import { storageKeyFrom } from "./adapters/crypto/storage-key.js";
import { KeyEventOutbox, keyManagementPrismaClient, PrismaKeyStore, PrismaPolicyStore } from "./adapters/db/prisma-key-store.js";
import { Etsi014Client } from "./adapters/etsi014/etsi014-client.js";
import { Etsi014KeySource } from "./adapters/etsi014/etsi014-key-source.js";
import { KmeHttpsServer } from "./adapters/etsi014/kme-https-server.js";
import { KmeSimulator } from "./adapters/etsi014/kme-simulator.js";
import { generateSimulatorPki } from "./adapters/etsi014/pki.js";
import { keyManagementServiceDefinition, makeKeyManagementGrpc } from "./adapters/grpc/key-management-grpc.js";
import { OutboxAuditPublisher } from "./adapters/events/event-bus-audit-publisher.js";
import { MemoryAuditPublisher } from "./adapters/memory/memory-audit-publisher.js";
import { MemoryKeyStore, MemoryPolicyStore } from "./adapters/memory/memory-key-store.js";
import { HybridPqcKeySource, LocalHybridKemPeer, type HybridKemPeer } from "./adapters/pqc/hybrid-pqc-key-source.js";
import { makeEnvelopeService, type EnvelopeService } from "./app/envelope-service.js";
import type { AuditPublisher, KeySource, KeyStore, PolicyStore } from "./app/ports.js";
import { verifyStorageKey } from "./app/storage-key-check.js";
import { keyManagementConfig, type KeyManagementConfig } from "./config.js";
import { QKD_LINK_PROFILES } from "./domain/qkd-link-profiles.js";

export interface KeyManagementDeps {
  readonly config: KeyManagementConfig;
  readonly logger: Logger;
  readonly qkd: KeySource;
  /** The peer site for the hybrid exchange; an in-process peer when absent (embedded mode). */
  readonly pqcPeer?: HybridKemPeer;
  /** Memory stores when absent; they record their events in `audit`, which must then be a `MemoryAuditPublisher`. */
  readonly keys?: KeyStore;
  readonly policies?: PolicyStore;
  /** Where events of operations that change nothing (decrypt, refusals) go; key changes record theirs through the stores. */
  readonly audit?: AuditPublisher;
  /** Verifies callers' access tokens (the platform's `createTokenVerifier` in the module). */
  readonly verifier: TokenVerifier;
  /**
   * The platform signing secret the storage key is derived from when KEY_MANAGEMENT_STORAGE_KEY is unset.
   * Without either, the storage key is random per process, which only suits the memory stores.
   */
  readonly signingSecret?: string;
}

/**
 * Builds the use cases and the gRPC implementation from ports (plain factory, no container). Rejects
 * (FailedPrecondition) when stored key material cannot be unwrapped with the storage key.
 */
export async function createKeyManagement(deps: KeyManagementDeps): Promise<{ service: EnvelopeService; grpc: ReturnType<typeof makeKeyManagementGrpc>; audit: AuditPublisher }> {
  const { config, logger } = deps;
  const audit = deps.audit ?? new MemoryAuditPublisher();
  const memoryLog = () => {
    // Memory stores and another publisher would split one organisation's events over two places.
    if (!(audit instanceof MemoryAuditPublisher)) throw internal("memory key stores need the MemoryAuditPublisher; pass keys and policies with any other publisher");
    return audit;
  };
  const keys = deps.keys ?? new MemoryKeyStore(memoryLog());
  const storageKey = config.STORAGE_KEY || deps.signingSecret !== undefined ? storageKeyFrom(config.STORAGE_KEY, deps.signingSecret ?? "") : randomBytes(32);
  const sealer = new AesGcmMaterialSealer(storageKey);
  storageKey.fill(0);
  await verifyStorageKey(keys, sealer);
  const service = makeEnvelopeService({
    keys,
    policies: deps.policies ?? new MemoryPolicyStore(memoryLog()),
    ciphers: createSuiteCiphers(),
    qkd: deps.qkd,
    pqc: new HybridPqcKeySource(config.SAE_ID, deps.pqcPeer ?? new LocalHybridKemPeer(config.PEER_SAE_ID)),
    sealer,
    audit,
    clock: { now: () => new Date() },
    logger,
    defaultPolicy: { suite: config.DEFAULT_SUITE, requireQkd: config.REQUIRE_QKD },
    combineWithPqc: config.COMBINE_WITH_PQC,
    maxOperationsPerVersion: config.MAX_OPERATIONS_PER_VERSION,
  });
  return { service, grpc: makeKeyManagementGrpc(service, logger, deps.verifier), audit };
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
  uses: ["database", "events"],
  migrationsDir: fileURLToPath(new URL("../prisma/migrations", import.meta.url)),
  async start(ctx) {
    const config = ctx.config as KeyManagementConfig;
    const db = await ctx.infrastructure.database(schemaNameOf(ctx.name));
    const prisma = keyManagementPrismaClient(db);
    const relay = new OutboxRelay({ db, bus: await ctx.infrastructure.eventBus(), logger: ctx.logger });
    relay.start();
    ctx.onStop(async () => {
      await relay.stop();
      await prisma.$disconnect();
    });
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
    // Key changes append their events on their own transactions; decrypts and refusals through the publisher.
    const outbox = new KeyEventOutbox(() => relay.nudge());
    const { grpc } = await createKeyManagement({
      config,
      logger: ctx.logger,
      qkd,
      keys: new PrismaKeyStore(prisma, outbox),
      policies: new PrismaPolicyStore(prisma, outbox),
      audit: new OutboxAuditPublisher(db, () => relay.nudge()),
      verifier: createTokenVerifier(ctx.platform),
      // The embedded mode keeps its signing secret in the data directory, so a restart derives the same storage key.
      ...(config.STORAGE_KEY ? {} : { signingSecret: ctx.platform.SIGNING_SECRET ?? signingSecret(ctx.platform.DATA_DIR) }),
    });
    const { service, packageDefinition } = keyManagementServiceDefinition();
    ctx.grpc.addService(service, grpc, packageDefinition);
  },
});
