import { EmbeddedPostgres } from "@yunxi/platform";
import { deviceRepositoryContract } from "./device-repository.contract.js";
import { migratedPrisma } from "./test-database.js";

deviceRepositoryContract("embedded PGlite", async () => {
  const embedded = await EmbeddedPostgres.open();
  const db = await embedded.database("device_control");
  const prisma = await migratedPrisma(db);
  return {
    db,
    prisma,
    async close() {
      await prisma.$disconnect();
      await embedded.close();
    },
  };
});
