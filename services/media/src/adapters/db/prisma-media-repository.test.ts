import { createRootLogger, EmbeddedPostgres } from "@yunxi/platform";
import { mediaRepositoryContract } from "./media-repository.contract.js";
import { prismaRepositoryUnderTest } from "./prisma-under-test.js";

mediaRepositoryContract("PrismaMediaRepository on embedded PGlite", async () => {
  const embedded = await EmbeddedPostgres.open();
  const db = await embedded.database("media");
  return prismaRepositoryUnderTest(db, "media", createRootLogger({ level: "silent" }), () => embedded.close());
});
