import { randomBytes } from "node:crypto";
import { createRootLogger, PgSqlDatabase } from "@yunxi/platform";
import { requireTestServer } from "@yunxi/platform/testing";
import { notificationRepositoryContract } from "./notification-repository.contract.js";
import { prismaNotificationRepositoryUnderTest } from "./prisma-under-test.js";

notificationRepositoryContract("PrismaNotificationRepository on real PostgreSQL", async () => {
  const url = await requireTestServer("postgres");
  // A schema of its own per run, dropped afterwards: runs never see each other's rows.
  const schema = `organisation_notify_test_${randomBytes(4).toString("hex")}`;
  const db = await PgSqlDatabase.open({ url, schema, maxConnections: 6, connectTimeoutMs: 5000 });
  return prismaNotificationRepositoryUnderTest(db, schema, createRootLogger({ level: "silent" }), async () => {
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.close();
  });
});
