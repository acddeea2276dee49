import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { applyMigrations, type Logger, type SqlDatabase } from "@yunxi/platform";
import type { NotificationRepositoryUnderTest } from "./notification-repository.contract.js";
import type { RepositoryUnderTest } from "./organisation-repository.contract.js";
import { organisationPrismaClient } from "./prisma-client.js";
import { PrismaNotificationRepository } from "./prisma-notification-repository.js";
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

/** The Prisma notification repository on a freshly migrated schema, for its contract suite (tests only). */
export async function prismaNotificationRepositoryUnderTest(db: SqlDatabase, schema: string, logger: Logger, cleanup: () => Promise<void>): Promise<NotificationRepositoryUnderTest> {
  await applyMigrations(db, MIGRATIONS_DIR, { schema, logger });
  const prisma = organisationPrismaClient(db);
  return {
    repository: new PrismaNotificationRepository(prisma),
    addOrganisation: async () => {
      const id = randomUUID();
      await prisma.organisation.create({ data: { id, name: "Notified Co.", code: `N-${id.slice(0, 8)}`, codeKey: `N-${id.slice(0, 8)}`.toUpperCase() } });
      return id;
    },
    close: async () => {
      await prisma.$disconnect();
      await cleanup();
    },
  };
}
