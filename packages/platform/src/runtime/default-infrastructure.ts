import { resolve } from "node:path";
import { EmbeddedPostgres } from "../db/pglite-sql-database.js";
import { PgSqlDatabase } from "../db/pg-sql-database.js";
import { applyMigrations } from "../db/migrations.js";
import type { SqlDatabase } from "../db/sql.js";
import type { EventBus } from "../events/event-bus.js";
import { InProcessEventBus } from "../events/in-process-event-bus.js";
import { KafkaEventBus } from "../events/kafka-event-bus.js";
import type { Logger } from "../logging/logger.js";
import type { Infrastructure } from "./infrastructure.js";
import { schemaNameOf, type ModuleDefinition } from "./module.js";
import type { PlatformConfig } from "./platform-config.js";

/** Memoises an async factory: the first call opens, every later call gets the same promise. */
function once<T>(open: () => Promise<T>): { get(): Promise<T>; opened(): Promise<T> | undefined } {
  let value: Promise<T> | undefined;
  return { get: () => (value ??= open()), opened: () => value };
}

/** Schema of the embedded bus's durable log. */
const BUS_SCHEMA = "platform_bus";

/**
 * Opens each shared resource on first use: external when its YUNXI_* setting is present, embedded
 * otherwise (PGlite under YUNXI_DATA_DIR, the durable in-process bus, …). Closes in reverse order.
 */
export function openDefaultInfrastructure(config: PlatformConfig, logger: Logger): Infrastructure {
  const dataDir = resolve(config.DATA_DIR);
  const infraLogger = logger.child({ component: "infrastructure" });
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
    const bus = config.KAFKA_BROKERS
      ? new KafkaEventBus({ brokers: config.KAFKA_BROKERS, clientId: "yunxi", logger: infraLogger, connectTimeoutMs: config.CONNECT_TIMEOUT_MS })
      : await InProcessEventBus.durable(await database(BUS_SCHEMA), { logger: infraLogger });
    closers.push(() => bus.close());
    return bus;
  });

  return {
    database,
    eventBus: () => eventBus.get(),
    async close() {
      for (const close of closers.reverse()) {
        await close().catch((error: unknown) => infraLogger.error({ err: error }, "closing a resource failed"));
      }
      const pg = embedded.opened();
      if (pg) await (await pg).close();
    },
  };
}

/** Applies a module's Prisma migrations to its own schema (embedded: at boot; cluster: the migrate target). */
export async function migrateModule(infrastructure: Infrastructure, module: ModuleDefinition, logger: Logger): Promise<void> {
  if (!module.migrationsDir) return;
  const schema = schemaNameOf(module.name);
  const db = await infrastructure.database(schema);
  const report = await applyMigrations(db, module.migrationsDir, { schema, logger });
  if (report.applied.length > 0) logger.info({ applied: report.applied }, "migrations applied");
}

