import { PgSqlDatabase } from "@yunxi/platform";
import { requireTestServer, uniqueSchema } from "@yunxi/platform/testing";
import { deviceRepositoryContract } from "./device-repository.contract.js";
import { migratedPrisma } from "./test-database.js";

deviceRepositoryContract("PostgreSQL", async () => {
  const url = await requireTestServer("postgres");
  const schema = uniqueSchema("device_control_test");
  const db = await PgSqlDatabase.open({ url, schema });
  const prisma = await migratedPrisma(db);
  return {
    db,
    prisma,
    async close() {
      await prisma.$disconnect();
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.close();
    },
  };
});
