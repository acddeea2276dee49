import { createRootLogger, EmbeddedPostgres } from "@yunxi/platform";
import { notificationRepositoryContract } from "./notification-repository.contract.js";
import { prismaNotificationRepositoryUnderTest } from "./prisma-under-test.js";

notificationRepositoryContract("PrismaNotificationRepository on embedded PGlite", async () => {
  const embedded = await EmbeddedPostgres.open();
  const db = await embedded.database("organisation");
  return prismaNotificationRepositoryUnderTest(db, "organisation", createRootLogger({ level: "silent" }), () => embedded.close());
});
