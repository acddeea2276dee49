import { randomBytes } from "node:crypto";
import { after } from "node:test";
import { PgSqlDatabase } from "../db/pg-sql-database.js";
import { createRootLogger } from "../logging/logger.js";
import { requireTestServer } from "../testing/servers.js";
import { InProcessEventBus } from "./in-process-event-bus.js";
import { outboxContract } from "./outbox.contract.js";

const url = await requireTestServer("postgres");
const run = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
const schemas: string[] = [];
let fixtures = 0;

after(async () => {
  const admin = await PgSqlDatabase.open({ url, schema: "public" });
  try {
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await admin.close();
  }
});

// Real PostgreSQL for the service schema; the durable bus log sits in a second schema of the same
// server, so the relay, the bus and handleOnce all run on pooled connections with real row locks.
outboxContract("PostgreSQL", async () => {
  const n = ++fixtures;
  const serviceSchema = `outbox_it_${run}_${n}`;
  const busSchema = `outbox_it_bus_${run}_${n}`;
  schemas.push(serviceSchema, busSchema);
  const db = await PgSqlDatabase.open({ url, schema: serviceSchema, maxConnections: 4 });
  const busDb = await PgSqlDatabase.open({ url, schema: busSchema, maxConnections: 2 });
  const bus = await InProcessEventBus.durable(busDb, {
    logger: createRootLogger({ level: "silent" }),
    retry: { initialMs: 20, maxMs: 100 },
  });
  return {
    db,
    bus,
    close: async () => {
      await bus.close();
      await busDb.close();
      await db.close();
    },
  };
});
