import { fileURLToPath } from "node:url";
import { applyMigrations, prismaAdapterFor, type PgliteSqlDatabase, type PgSqlDatabase, type SqlDatabase } from "@yunxi/platform";
import { PrismaClient } from "../../generated/prisma/client.js";

/** The service's migrations folder (same relative path from src/ and dist/). */
export const MIGRATIONS_DIR = fileURLToPath(new URL("../../../prisma/migrations", import.meta.url));

/** Migrates `db`'s schema and returns a Prisma client over it (tests). */
export async function migratedPrisma(db: PgSqlDatabase | PgliteSqlDatabase): Promise<PrismaClient> {
  await applyMigrations(db as SqlDatabase, MIGRATIONS_DIR, { schema: db.schema });
  return new PrismaClient({ adapter: prismaAdapterFor(db) });
}
