import { fileURLToPath } from "node:url";
import { applyMigrations, type Logger, type SqlDatabase } from "@yunxi/platform";
import type { RepositoryUnderTest } from "./media-repository.contract.js";
import { mediaPrismaClient, PrismaMediaRepository } from "./prisma-media-repository.js";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../../prisma/migrations", import.meta.url));

/** The Prisma repository on a freshly migrated schema, for the contract suite (tests only). */
export async function prismaRepositoryUnderTest(db: SqlDatabase, schema: string, logger: Logger, cleanup: () => Promise<void>): Promise<RepositoryUnderTest> {
  await applyMigrations(db, MIGRATIONS_DIR, { schema, logger });
  const prisma = mediaPrismaClient(db);
  return {
    repository: new PrismaMediaRepository(prisma),
    outboxTopics: async () => (await db.query<{ topic: string }>("SELECT topic FROM outbox_event ORDER BY sequence")).map((r) => r.topic),
    close: async () => {
      await prisma.$disconnect();
      await cleanup();
    },
  };
}
