import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createDeviceUploadTokens,
  createTokenVerifier,
  defineModule,
  OutboxRelay,
  prismaAdapterFor,
  schemaNameOf,
  platformSigningSecret,
  type DeviceBroker,
  type DeviceUploadTokens,
  type EventBus,
  type Logger,
  type PgliteSqlDatabase,
  type PgSqlDatabase,
  type SqlDatabase,
  type TokenVerifier,
} from "@yunxi/platform";
import { Ed25519CommandSigner } from "./adapters/crypto/ed25519-command-signer.js";
import { PrismaDeviceRepository } from "./adapters/db/prisma-device-repository.js";
import { subscribeApprovals } from "./adapters/events/approval-consumer.js";
import { encodeDeviceControlEvents } from "./adapters/events/device-control-events.js";
import { deviceControlServiceDefinition, makeDeviceControlGrpc } from "./adapters/grpc/device-control-grpc.js";
import { MqttDeviceLink, type MqttDeviceLinkOptions } from "./adapters/mqtt/mqtt-device-link.js";
import { makeDeviceControl, type DeviceControl } from "./app/device-control-service.js";
import { deviceControlConfig, type DeviceControlConfig } from "./config.js";
import { PrismaClient } from "./generated/prisma/client.js";

export const DEVICE_CONTROL_MODULE = "device-control";

/**
 * The command-signing key: configured, or generated once and kept (mode 0600) in the module's data
 * directory so commands queued before a restart still verify after it.
 */
export function loadCommandSigner(config: Pick<DeviceControlConfig, "COMMAND_SIGNING_KEY">, dataDir: string): Ed25519CommandSigner {
  if (config.COMMAND_SIGNING_KEY) return Ed25519CommandSigner.fromPem(config.COMMAND_SIGNING_KEY);
  const file = join(dataDir, "command-signing-key.pem");
  if (existsSync(file)) return Ed25519CommandSigner.fromPem(readFileSync(file, "utf8"));
  mkdirSync(dataDir, { recursive: true });
  const signer = Ed25519CommandSigner.generate();
  try {
    writeFileSync(file, signer.exportPrivatePem(), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as { code?: string }).code === "EEXIST") return Ed25519CommandSigner.fromPem(readFileSync(file, "utf8"));
    throw error;
  }
  chmodSync(file, 0o600);
  return signer;
}

/** How device-control's MQTT link is set up on `broker`. */
export function deviceLinkOptions(broker: DeviceBroker, clientId?: string): MqttDeviceLinkOptions {
  return {
    ...(clientId ? { clientId } : {}),
    // See DeviceBroker.sessionsSurviveRestart and MqttDeviceLinkOptions.persistentSession.
    persistentSession: broker.sessionsSurviveRestart,
  };
}

export interface DeviceControlRuntimeDeps {
  readonly db: SqlDatabase;
  readonly bus: EventBus;
  readonly broker: DeviceBroker;
  readonly signer: Ed25519CommandSigner;
  readonly logger: Logger;
  readonly mqttClientId?: string;
  readonly expirySweepMs?: number;
  /** Validity of authorisations issued for approved applications; default 24 h. */
  readonly authorisationTtlSeconds?: number;
  /** Mints the photo upload token of each authorisation (media checks it with the same shared secret). */
  readonly uploadTokens: DeviceUploadTokens;
  /** How long after an authorisation ends its photos may still be uploaded; default 7 days. */
  readonly photoUploadGraceSeconds?: number;
}

export interface DeviceControlRuntime {
  readonly service: DeviceControl;
  grpc(verifier: TokenVerifier): ReturnType<typeof makeDeviceControlGrpc>;
  readonly relay: OutboxRelay;
  stop(): Promise<void>;
}

/**
 * Wires device-control over opened infrastructure: Prisma repository, outbox relay, MQTT link, and the
 * approval consumer (`yunxi.approval.v1.application-approved` → authorisation). Re-sends
 * every pending command at start (a device that stayed connected through a platform restart sends no hello).
 * Exported for tests, which open and close it over the same data to simulate restarts.
 */
export async function startDeviceControl(deps: DeviceControlRuntimeDeps): Promise<DeviceControlRuntime> {
  const { db, bus, broker, signer, logger } = deps;
  const prisma = new PrismaClient({ adapter: prismaAdapterFor(db as PgSqlDatabase | PgliteSqlDatabase) });
  const relay = new OutboxRelay({ db, bus, logger });
  const repository = new PrismaDeviceRepository(prisma, encodeDeviceControlEvents, () => relay.nudge());
  const link = new MqttDeviceLink(broker, logger, deviceLinkOptions(broker, deps.mqttClientId));
  await link.connect();
  const service = makeDeviceControl({
    repository,
    credentials: broker,
    signer,
    transport: link,
    clock: { now: () => new Date() },
    logger,
    uploadTokens: deps.uploadTokens,
    photoUploadGraceSeconds: deps.photoUploadGraceSeconds ?? 7 * 24 * 3600,
  });
  await link.listen(service);
  relay.start();
  const approvals = await subscribeApprovals(bus, { service, ttlSeconds: deps.authorisationTtlSeconds ?? 24 * 3600, logger });
  await service.expireCommands();
  for (const deviceId of await repository.devicesWithPendingCommands(new Date())) {
    await service.sendPending(deviceId).catch((error: unknown) => logger.warn({ deviceId, err: error }, "re-sending pending commands failed"));
  }
  const sweep = setInterval(() => {
    service.expireCommands().catch((error: unknown) => logger.warn({ err: error }, "command expiry sweep failed"));
  }, deps.expirySweepMs ?? 60_000);
  sweep.unref();
  return {
    service,
    relay,
    grpc: (verifier) => makeDeviceControlGrpc(service, verifier, logger),
    async stop() {
      clearInterval(sweep);
      await approvals.close();
      await link.close();
      await relay.stop();
      await prisma.$disconnect();
    },
  };
}

/** Smart seal devices: device protocol v1 over MQTT, provisioning, signed authorisations, exactly-once records. */
export const deviceControlModule = defineModule({
  name: DEVICE_CONTROL_MODULE,
  description: "Smart seal devices: MQTT protocol, shadow, commands, authorisations, stamp records, alarms, OTA",
  config: deviceControlConfig,
  uses: ["database", "events", "mqtt"],
  migrationsDir: fileURLToPath(new URL("../prisma/migrations", import.meta.url)),
  async start(context) {
    const config = context.config as DeviceControlConfig;
    const runtime = await startDeviceControl({
      db: await context.infrastructure.database(schemaNameOf(context.name)),
      bus: await context.infrastructure.eventBus(),
      broker: await context.infrastructure.deviceBroker(),
      signer: loadCommandSigner(config, context.dataDir),
      logger: context.logger,
      mqttClientId: config.MQTT_CLIENT_ID,
      expirySweepMs: config.EXPIRY_SWEEP_MS,
      authorisationTtlSeconds: config.AUTHORISATION_TTL_SECONDS,
      uploadTokens: createDeviceUploadTokens(platformSigningSecret(context.platform)),
      photoUploadGraceSeconds: config.PHOTO_UPLOAD_GRACE_SECONDS,
    });
    context.onStop(() => runtime.stop());
    const { service, packageDefinition } = deviceControlServiceDefinition();
    context.grpc.addService(service, runtime.grpc(createTokenVerifier(context.platform)), packageDefinition);
  },
});
