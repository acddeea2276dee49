import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseConfig } from "../config/config.js";
import { PgSqlDatabase } from "../db/pg-sql-database.js";
import { EmbeddedPostgres } from "../db/pglite-sql-database.js";
import { failedPrecondition } from "../errors/errors.js";
import { createRootLogger } from "../logging/logger.js";
import { BUS_SCHEMA } from "../runtime/default-infrastructure.js";
import { platformConfigSpec } from "../runtime/platform-config.js";
import { DEAD_LETTERS_USAGE, parseDeadLettersArgs, runDeadLettersCommand, type DeadLetterQueue } from "./dead-letters.js";
import { InProcessEventBus } from "./in-process-event-bus.js";
import { KafkaEventBus } from "./kafka-event-bus.js";

/** Confirms that no Yunxi process has the embedded PGlite database open (it serves one process). */
const OFFLINE_FLAG = "--offline";

/**
 * `npm run dead-letters -- list|replay --group G [--limit N]`: opens the bus the platform would open from
 * the same YUNXI_* settings and runs {@link runDeadLettersCommand} on it. Kafka (YUNXI_KAFKA_BROKERS, with
 * YUNXI_EVENT_NAMESPACE) and the embedded bus on PostgreSQL (YUNXI_DATABASE_URL) work while Yunxi runs. The
 * embedded bus on PGlite (neither set) lives in YUNXI_DATA_DIR, which one process at a time may open: stop
 * Yunxi and pass `--offline`; replayed messages are handled when it starts again.
 * Returns the process exit code; lines go to `out`, problems to `err`.
 */
export async function deadLettersMain(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    out(DEAD_LETTERS_USAGE);
    return 0;
  }
  const parsed = parseConfig(platformConfigSpec, env);
  if (!parsed.ok) {
    for (const problem of parsed.problems) err(`${problem.variable}: ${problem.message}`);
    return 2;
  }
  const config = parsed.value;
  const offline = args.includes(OFFLINE_FLAG);
  let command;
  try {
    command = parseDeadLettersArgs(args.filter((arg) => arg !== OFFLINE_FLAG));
  } catch (error) {
    err(error instanceof Error ? error.message : String(error));
    return 2;
  }
  const logger = createRootLogger({ level: env["LOG_LEVEL"] ?? "warn", destination: process.stderr });
  const closers: (() => Promise<void>)[] = [];
  try {
    let queue: DeadLetterQueue;
    if (config.KAFKA_BROKERS) {
      const bus = new KafkaEventBus({
        brokers: config.KAFKA_BROKERS,
        clientId: "yunxi-dead-letters",
        logger,
        connectTimeoutMs: config.CONNECT_TIMEOUT_MS,
        namespace: config.EVENT_NAMESPACE,
      });
      closers.push(() => bus.close());
      queue = bus;
    } else if (config.DATABASE_URL) {
      const db = await PgSqlDatabase.open({
        url: config.DATABASE_URL,
        schema: BUS_SCHEMA,
        connectTimeoutMs: config.CONNECT_TIMEOUT_MS,
        applicationName: "yunxi-dead-letters",
        logger,
      });
      closers.push(() => db.close());
      const bus = await InProcessEventBus.durable(db, { logger });
      closers.unshift(() => bus.close());
      queue = bus;
    } else {
      if (!offline) {
        throw failedPrecondition(
          `the embedded event bus lives in the PGlite database under ${resolve(config.DATA_DIR)}, which one process at a time ` +
            `may open: stop Yunxi, then run again with ${OFFLINE_FLAG} (replayed messages are handled when it starts)`,
        );
      }
      const embedded = await EmbeddedPostgres.open({ dataDir: resolve(config.DATA_DIR) });
      closers.push(() => embedded.close());
      const bus = await InProcessEventBus.durable(await embedded.database(BUS_SCHEMA), { logger });
      closers.unshift(() => bus.close());
      queue = bus;
    }
    await runDeadLettersCommand(queue, command, out);
    return 0;
  } catch (error) {
    // Messages here are the platform's own (brokers, group, usage); a payload never is part of one.
    err(`dead-letters: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    for (const close of closers) await close().catch(() => undefined);
  }
}

// Run as a program (`node packages/platform/dist/events/dead-letters-cli.js …`): the container image has
// no scripts/ folder, so this is how an operator runs it in a pod.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await deadLettersMain(
    process.argv.slice(2),
    process.env,
    (line) => void process.stdout.write(`${line}\n`),
    (line) => void process.stderr.write(`${line}\n`),
  );
}
