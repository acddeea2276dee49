import { randomBytes } from "node:crypto";
import { PgSqlDatabase } from "@yunxi/platform";
import { requireTestServer } from "@yunxi/platform/testing";
import { sqlStoresUnderTest } from "./sql-under-test.js";
import { verdictStoreContract } from "./verdict-store.contract.js";

verdictStoreContract("SQL stores on real PostgreSQL", async () => {
  const url = await requireTestServer("postgres");
  // A schema of its own per run, dropped afterwards: runs never see each other's rows.
  const schema = `ocr_verification_test_${randomBytes(4).toString("hex")}`;
  const db = await PgSqlDatabase.open({ url, schema, maxConnections: 4, connectTimeoutMs: 5000 });
  return sqlStoresUnderTest(db, schema, async () => {
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.close();
  });
});
