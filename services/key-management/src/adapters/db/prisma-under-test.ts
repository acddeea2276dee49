import { fileURLToPath } from "node:url";
import { applyMigrations, decodeEvent, type Logger, type SqlExecutor, type SqlDatabase } from "@yunxi/platform";
import { KEY_OPERATION_TOPIC, keyOperationEventType } from "../events/event-bus-audit-publisher.js";
import type { KeyStoresUnderTest, RecordedEvent } from "./key-store.contract.js";
import { KeyEventOutbox, keyManagementPrismaClient, PrismaKeyStore, PrismaPolicyStore } from "./prisma-key-store.js";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../../prisma/migrations", import.meta.url));

/** A test-only constraint that refuses every new outbox row, standing in for a failing outbox write. */
const REFUSE_EVENTS = "key_management_test_refuse_events";

/** The key-operation events in the schema's outbox, oldest first, decoded from their protobuf payloads (tests only). */
export async function outboxKeyEvents(db: SqlExecutor): Promise<RecordedEvent[]> {
  const type = keyOperationEventType();
  const rows = await db.query<{ topic: string; headers: Record<string, string> | string; payload: Uint8Array }>("SELECT topic, headers, payload FROM outbox_event ORDER BY sequence");
  return rows.map((row) => {
    if (row.topic !== KEY_OPERATION_TOPIC) throw new Error(`unexpected outbox topic ${row.topic}`);
    const headers = typeof row.headers === "string" ? (JSON.parse(row.headers) as Record<string, string>) : row.headers;
    const { operation, actor, organisationId, keyName, keyVersion } = decodeEvent<RecordedEvent>({ headers, value: Buffer.from(row.payload) }, type).payload;
    return { operation, actor, organisationId, keyName, keyVersion };
  });
}

/** The Prisma stores on a freshly migrated schema, for the contract suite (tests only). */
export async function prismaStoresUnderTest(db: SqlDatabase, schema: string, logger: Logger, cleanup: () => Promise<void>): Promise<KeyStoresUnderTest> {
  await applyMigrations(db, MIGRATIONS_DIR, { schema, logger });
  const prisma = keyManagementPrismaClient(db);
  const outbox = new KeyEventOutbox();
  return {
    keys: new PrismaKeyStore(prisma, outbox),
    policies: new PrismaPolicyStore(prisma, outbox),
    events: () => outboxKeyEvents(db),
    // NOT VALID: existing rows stay, every new row fails the check, inside the store's own transaction.
    refuseEvents: async () => void (await db.query(`ALTER TABLE outbox_event ADD CONSTRAINT ${REFUSE_EVENTS} CHECK (false) NOT VALID`)),
    acceptEvents: async () => void (await db.query(`ALTER TABLE outbox_event DROP CONSTRAINT IF EXISTS ${REFUSE_EVENTS}`)),
    close: async () => {
      await prisma.$disconnect();
      await cleanup();
    },
  };
}
