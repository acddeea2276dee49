import { fileURLToPath } from "node:url";
import { applyMigrations, type Logger, type SqlDatabase } from "@yunxi/platform";
import type { KeyStoresUnderTest } from "./key-store.contract.js";
import { keyManagementPrismaClient, PrismaKeyStore, PrismaPolicyStore } from "./prisma-key-store.js";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../../prisma/migrations", import.meta.url));

/** The Prisma stores on a freshly migrated schema, for the contract suite (tests only). */
export async function prismaStoresUnderTest(db: SqlDatabase, schema: string, logger: Logger, cleanup: () => Promise<void>): Promise<KeyStoresUnderTest> {
  await applyMigrations(db, MIGRATIONS_DIR, { schema, logger });
  const prisma = keyManagementPrismaClient(db);
  return {
    keys: new PrismaKeyStore(prisma),
    policies: new PrismaPolicyStore(prisma),
    close: async () => {
      await prisma.$disconnect();
      await cleanup();
    },
  };
}
