import { after, before } from "node:test";
import { EmbeddedPostgres } from "../db/pglite-sql-database.js";
import { createRootLogger } from "../logging/logger.js";
import { InProcessEventBus } from "./in-process-event-bus.js";
import { outboxContract } from "./outbox.contract.js";

let embedded: EmbeddedPostgres | undefined;
let fixtures = 0;

before(async () => {
  embedded = await EmbeddedPostgres.open();
});
after(async () => {
  await embedded?.close();
});

// The embedded default: the service schema and the durable bus log share one single-connection PGlite,
// which is exactly where a relay holding a transaction across publish would deadlock.
outboxContract("PGlite with the durable in-process bus", async () => {
  if (!embedded) throw new Error("embedded PostgreSQL did not open");
  const n = ++fixtures;
  const db = await embedded.database(`outbox_service_${n}`);
  const bus = await InProcessEventBus.durable(await embedded.database(`outbox_bus_${n}`), {
    logger: createRootLogger({ level: "silent" }),
    retry: { initialMs: 20, maxMs: 100 },
  });
  return {
    db,
    bus,
    close: async () => {
      await bus.close();
      await db.close();
    },
  };
});
