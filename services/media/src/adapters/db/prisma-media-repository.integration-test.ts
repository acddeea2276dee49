import { randomBytes } from "node:crypto";
import { createRootLogger, PgSqlDatabase } from "@yunxi/platform";
import { requireTestServer } from "@yunxi/platform/testing";
import { mediaRepositoryContract } from "./media-repository.contract.js";
import { prismaRepositoryUnderTest } from "./prisma-under-test.js";

mediaRepositoryContract("PrismaMediaRepository on real PostgreSQL", async () => {
  const url = await requireTestServer("postgres");
  // A schema of its own per run, dropped afterwards: runs never see each other's rows.
  const schema = `media_test_${randomBytes(4).toString("hex")}`;
  const db = await PgSqlDatabase.open({ url, schema, maxConnections: 6, connectTimeoutMs: 5000 });
  return prismaRepositoryUnderTest(db, schema, createRootLogger({ level: "silent" }), async () => {
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.close();
  });
});
