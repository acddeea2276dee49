import { fileURLToPath } from "node:url";
import { applyMigrations, type PgliteSqlDatabase, type PgSqlDatabase } from "@yunxi/platform";
import { createAudit } from "../module.js";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

/** Migrates the handle's schema and builds the ledger over it (tests; checkpoint every 5 by default). */
export async function openTestLedger(db: PgSqlDatabase | PgliteSqlDatabase, checkpointEvery = 5) {
  await applyMigrations(db, MIGRATIONS_DIR, { schema: db.schema });
  const parts = await createAudit(db, { CHECKPOINT_EVERY: checkpointEvery });
  return { db, ...parts, close: async () => parts.prisma.$disconnect() };
}
