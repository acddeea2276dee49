import { fileURLToPath } from "node:url";
import { applyMigrations, createRootLogger, type SqlDatabase } from "@yunxi/platform";
import { TOPIC_KINDS } from "../events/verification-event-messages.js";
import type { StoresUnderTest } from "./verdict-store.contract.js";
import { SqlOriginalStore, SqlThresholdProfileStore, SqlVerdictStore } from "./sql-verification-store.js";

const MIGRATIONS = fileURLToPath(new URL("../../../prisma/migrations", import.meta.url));

/** The SQL stores on a migrated schema; announcements are read back from the outbox. */
export async function sqlStoresUnderTest(db: SqlDatabase, schema: string, close: () => Promise<void>): Promise<StoresUnderTest> {
  await applyMigrations(db, MIGRATIONS, { schema, logger: createRootLogger({ level: "silent" }) });
  return {
    originals: new SqlOriginalStore(db),
    verdicts: new SqlVerdictStore(db),
    profiles: new SqlThresholdProfileStore(db),
    announced: async () => (await db.query<{ topic: string }>("SELECT topic FROM outbox_event ORDER BY sequence")).map((r) => TOPIC_KINDS[r.topic] ?? r.topic),
    close,
  };
}
