import { requireTestServer } from "../testing/servers.js";
import { PgSqlDatabase } from "./pg-sql-database.js";
import { prismaAdapterFor } from "./prisma.js";
import { sqlDatabaseContract } from "./sql-database.contract.js";

sqlDatabaseContract("PgSqlDatabase (real PostgreSQL)", async () => {
  const url = await requireTestServer("postgres");
  return {
    // A pool per handle, as separate services (and the concurrent-applier test's two processes) have.
    database: (schema) => PgSqlDatabase.open({ url, schema, maxConnections: 4, connectTimeoutMs: 5000 }),
    prismaAdapter: (db) => prismaAdapterFor(db as PgSqlDatabase),
    close: async () => undefined,
  };
});
