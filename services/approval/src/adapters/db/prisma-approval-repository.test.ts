import { createRootLogger, EmbeddedPostgres } from "@yunxi/platform";
import { approvalRepositoryContract } from "./approval-repository.contract.js";
import { prismaRepositoryUnderTest } from "./prisma-under-test.js";

approvalRepositoryContract("PrismaApprovalRepository on embedded PGlite", async () => {
  const embedded = await EmbeddedPostgres.open();
  const db = await embedded.database("approval");
  return prismaRepositoryUnderTest(db, "approval", createRootLogger({ level: "silent" }), () => embedded.close());
});
