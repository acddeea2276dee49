import { randomBytes } from "node:crypto";
import { createRootLogger, PgSqlDatabase } from "@yunxi/platform";
import { requireTestServer } from "@yunxi/platform/testing";
import { keyStoreContract } from "./key-store.contract.js";
import { prismaStoresUnderTest } from "./prisma-under-test.js";

keyStoreContract("PrismaKeyStore on real PostgreSQL", async () => {
  const url = await requireTestServer("postgres");
  // A schema of its own per run, dropped afterwards: runs never see each other's rows.
  const schema = `key_management_test_${randomBytes(4).toString("hex")}`;
  const db = await PgSqlDatabase.open({ url, schema, maxConnections: 8, connectTimeoutMs: 5000 });
  return prismaStoresUnderTest(db, schema, createRootLogger({ level: "silent" }), async () => {
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.close();
  });
});
