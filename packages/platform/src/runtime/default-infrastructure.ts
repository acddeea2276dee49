import { createHmac } from "node:crypto";
import { resolve } from "node:path";
import type { BlobStore } from "../blobs/blob-store.js";
import { openBlobStore } from "../blobs/open-blob-store.js";
import { keyValueStoreOpener } from "../kv/open-key-value-store.js";
import type { KeyValueStore } from "../kv/key-value-store.js";
import { AedesDeviceBroker } from "../mqtt/aedes-device-broker.js";
import type { DeviceBroker } from "../mqtt/device-broker.js";
import { MosquittoDeviceBroker } from "../mqtt/mosquitto-device-broker.js";
import { SqlDeviceCredentialStore } from "../mqtt/sql-device-credential-store.js";
import { EmbeddedPostgres } from "../db/pglite-sql-database.js";
import { PgSqlDatabase } from "../db/pg-sql-database.js";
import { applyMigrations } from "../db/migrations.js";
import type { SqlDatabase } from "../db/sql.js";
import type { EventBus } from "../events/event-bus.js";
import { InProcessEventBus } from "../events/in-process-event-bus.js";
import { KafkaEventBus } from "../events/kafka-event-bus.js";
import type { Logger } from "../logging/logger.js";
import type { Dependency, Infrastructure } from "./infrastructure.js";
import { schemaNameOf, type ModuleDefinition } from "./module.js";
import type { PlatformConfig } from "./platform-config.js";
import { signingSecret } from "./signing-secret.js";

/** Memoises an async factory: the first call opens, every later call gets the same promise. */
function once<T>(open: () => Promise<T>): { get(): Promise<T>; opened(): Promise<T> | undefined } {
  let value: Promise<T> | undefined;
  return { get: () => (value ??= open()), opened: () => value };
}

/** Schema of the embedded MQTT broker's device credentials (verifiers only, never secrets). */
const MQTT_CREDENTIALS_SCHEMA = "platform_mqtt";

/** Schema of the embedded bus's durable log (also opened by the dead-letters command). */
export const BUS_SCHEMA = "platform_bus";

/**
 * Opens each shared resource on first use: external when its YUNXI_* setting is present, embedded
 * otherwise (PGlite under YUNXI_DATA_DIR, the durable in-process bus, …). Closes in reverse order.
 */
export function openDefaultInfrastructure(config: PlatformConfig, logger: Logger): Infrastructure {
  const dataDir = resolve(config.DATA_DIR);
  const infraLogger = logger.child({ subsystem: "infrastructure" });
  const embedded = once(() => EmbeddedPostgres.open({ dataDir, logger: infraLogger }));
  const databases = new Map<string, Promise<SqlDatabase>>();
  const closers: (() => Promise<void>)[] = [];

  const database = (schema: string): Promise<SqlDatabase> => {
    let handle = databases.get(schema);
    if (!handle) {
      handle = config.DATABASE_URL
        ? PgSqlDatabase.open({
            url: config.DATABASE_URL,
            schema,
            connectTimeoutMs: config.CONNECT_TIMEOUT_MS,
            applicationName: `yunxi-${schema}`,
            logger: infraLogger,
          })
        : embedded.get().then((pg) => pg.database(schema));
      databases.set(schema, handle);
      const opened = handle;
      closers.push(async () => (await opened).close());
    }
    return handle;
  };

  const eventBus = once<EventBus>(async () => {
    const retry = { maxAttempts: config.EVENT_MAX_ATTEMPTS };
    const bus = config.KAFKA_BROKERS
      ? new KafkaEventBus({
          brokers: config.KAFKA_BROKERS,
          clientId: "yunxi",
          logger: infraLogger,
          connectTimeoutMs: config.CONNECT_TIMEOUT_MS,
          namespace: config.EVENT_NAMESPACE,
          retry,
        })
      : await InProcessEventBus.durable(await database(BUS_SCHEMA), { logger: infraLogger, retry });
    closers.push(() => bus.close());
    return bus;
  });

  const blobStore = once<BlobStore>(() =>
    openBlobStore({ ...config, SIGNING_SECRET: config.SIGNING_SECRET ?? signingSecret(dataDir) }, { logger: infraLogger }),
  );

  const openKeyValue = keyValueStoreOpener(config, { logger: infraLogger });
  const keyValues = new Map<string, Promise<KeyValueStore>>();
  const keyValue = (namespace: string): Promise<KeyValueStore> => {
    let store = keyValues.get(namespace);
    if (!store) {
      const opened = openKeyValue(namespace);
      closers.push(() => opened.close());
      // A read proves the server answers, so an unreachable Redis fails here, named, not at first use.
      store = opened.get("__yunxi_probe__").then(() => opened);
      keyValues.set(namespace, store);
    }
    return store;
  };

  const deviceBroker = once<DeviceBroker>(async () => {
    const broker = config.MQTT_URL
      ? await MosquittoDeviceBroker.start({
          url: config.MQTT_URL,
          ...(config.MQTT_PUBLIC_URL ? { publicUrl: config.MQTT_PUBLIC_URL } : {}),
          adminUsername: requireSetting(config.MQTT_ADMIN_USER, "YUNXI_MQTT_ADMIN_USER"),
          adminPassword: requireSetting(config.MQTT_ADMIN_PASSWORD, "YUNXI_MQTT_ADMIN_PASSWORD"),
          platformUsername: "yunxi-platform",
          // Every replica derives the same platform password from the admin secret; it is never stored.
          platformPassword: createHmac("sha256", requireSetting(config.MQTT_ADMIN_PASSWORD, "YUNXI_MQTT_ADMIN_PASSWORD")).update("yunxi-platform-mqtt").digest("base64url"),
          timeoutMs: config.CONNECT_TIMEOUT_MS,
          logger: infraLogger,
        })
      : await AedesDeviceBroker.start({
          // Device credentials outlive the process: a restarted all-in-one still knows its devices.
          credentials: await SqlDeviceCredentialStore.open(await database(MQTT_CREDENTIALS_SCHEMA)),
          host: config.BIND_HOST,
          port: config.MQTT_PORT,
          ...(config.MQTT_PUBLIC_URL ? { publicUrl: config.MQTT_PUBLIC_URL } : {}), logger: infraLogger, timeoutMs: config.CONNECT_TIMEOUT_MS });
    closers.push(() => broker.close());
    return broker;
  });

  const open = async (dependency: Dependency, moduleName: string): Promise<void> => {
    switch (dependency) {
      case "database":
        await (await database(schemaNameOf(moduleName))).query("SELECT 1");
        return;
      case "events":
        await eventBus.get();
        return;
      case "blobs":
        await blobStore.get();
        return;
      case "cache":
        await keyValue(moduleName);
        return;
      case "mqtt":
        await deviceBroker.get();
        return;
    }
  };

  return {
    database,
    eventBus: () => eventBus.get(),
    blobStore: () => blobStore.get(),
    keyValue,
    deviceBroker: () => deviceBroker.get(),
    open,
    async close() {
      for (const close of closers.reverse()) {
        await close().catch((error: unknown) => infraLogger.error({ err: error }, "closing a resource failed"));
      }
      const pg = embedded.opened();
      if (pg) await (await pg).close();
    },
  };
}

function requireSetting(value: string | undefined, variable: string): string {
  if (!value) throw new Error(`${variable} is required with YUNXI_MQTT_URL`);
  return value;
}

/** Applies a module's Prisma migrations to its own schema (embedded: at boot; cluster: the migrate target). */
export async function migrateModule(infrastructure: Infrastructure, module: ModuleDefinition, logger: Logger): Promise<void> {
  if (!module.migrationsDir) return;
  const schema = schemaNameOf(module.name);
  const db = await infrastructure.database(schema);
  const report = await applyMigrations(db, module.migrationsDir, { schema, logger });
  if (report.applied.length > 0) logger.info({ applied: report.applied }, "migrations applied");
}

