import { createRootLogger, EmbeddedPostgres } from "@yunxi/platform";
import { MemoryKeyStore, MemoryPolicyStore } from "../memory/memory-key-store.js";
import { keyStoreContract } from "./key-store.contract.js";
import { prismaStoresUnderTest } from "./prisma-under-test.js";

keyStoreContract("PrismaKeyStore on embedded PGlite", async () => {
  const embedded = await EmbeddedPostgres.open();
  const db = await embedded.database("key_management");
  return prismaStoresUnderTest(db, "key_management", createRootLogger({ level: "silent" }), () => embedded.close());
});

keyStoreContract("MemoryKeyStore", async () => ({ keys: new MemoryKeyStore(), policies: new MemoryPolicyStore(), close: async () => undefined }));
