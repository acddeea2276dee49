import { fileURLToPath } from "node:url";
import { applyMigrations, type Logger, type SqlDatabase } from "@yunxi/platform";
import type { RepositoryUnderTest } from "./organisation-repository.contract.js";
import { organisationPrismaClient } from "./prisma-client.js";
import { PrismaOrganisationRepository } from "./prisma-organisation-repository.js";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../../prisma/migrations", import.meta.url));

/** The Prisma repository on a freshly migrated schema, for the contract suite (tests only). */
export async function prismaRepositoryUnderTest(db: SqlDatabase, schema: string, logger: Logger, cleanup: () => Promise<void>): Promise<RepositoryUnderTest> {
  await applyMigrations(db, MIGRATIONS_DIR, { schema, logger });
  const prisma = organisationPrismaClient(db);
  return {
    repository: new PrismaOrganisationRepository(prisma),
    outboxTopics: async () => (await db.query<{ topic: string }>("SELECT topic FROM outbox_event ORDER BY sequence")).map((r) => r.topic),
    close: async () => {
      await prisma.$disconnect();
      await cleanup();
    },
  };
}
