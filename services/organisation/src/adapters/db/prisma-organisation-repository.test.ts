import { createRootLogger, EmbeddedPostgres } from "@yunxi/platform";
import { organisationRepositoryContract } from "./organisation-repository.contract.js";
import { prismaRepositoryUnderTest } from "./prisma-under-test.js";

organisationRepositoryContract("PrismaOrganisationRepository on embedded PGlite", async () => {
  const embedded = await EmbeddedPostgres.open();
  const db = await embedded.database("organisation");
  return prismaRepositoryUnderTest(db, "organisation", createRootLogger({ level: "silent" }), () => embedded.close());
});
