import { randomBytes } from "node:crypto";
import { createRootLogger, PgSqlDatabase } from "@yunxi/platform";
import { requireTestServer } from "@yunxi/platform/testing";
import { approvalRepositoryContract } from "./approval-repository.contract.js";
import { prismaRepositoryUnderTest } from "./prisma-under-test.js";

approvalRepositoryContract("PrismaApprovalRepository on real PostgreSQL", async () => {
  const url = await requireTestServer("postgres");
  // A schema of its own per run, dropped afterwards: runs never see each other's rows.
  const schema = `approval_test_${randomBytes(4).toString("hex")}`;
  const db = await PgSqlDatabase.open({ url, schema, maxConnections: 6, connectTimeoutMs: 5000 });
  return prismaRepositoryUnderTest(db, schema, createRootLogger({ level: "silent" }), async () => {
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.close();
  });
});
