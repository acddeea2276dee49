import { PgSqlDatabase, quotedSchema } from "@yunxi/platform";
import { requireTestServer, uniqueSchema } from "@yunxi/platform/testing";
import { openTestLedger } from "../../testing/open-test-ledger.js";
import { ledgerRepositoryContract } from "./ledger-repository.contract.js";

ledgerRepositoryContract("PostgreSQL", async () => {
  const url = await requireTestServer("postgres");
  const schema = uniqueSchema("audit_it");
  const db = await PgSqlDatabase.open({ url, schema, connectTimeoutMs: 5000 });
  const opened = await openTestLedger(db);
  return {
    ...opened,
    close: async () => {
      await opened.close();
      await db.query(`DROP SCHEMA ${quotedSchema(schema)} CASCADE`);
      await db.close();
    },
  };
});
