import { EmbeddedPostgres } from "@yunxi/platform";
import { MemoryOriginalStore, MemoryThresholdProfileStore, MemoryVerdictStore } from "../memory/memory-stores.js";
import { sqlStoresUnderTest } from "./sql-under-test.js";
import { verdictStoreContract } from "./verdict-store.contract.js";

verdictStoreContract("memory stores", async () => {
  const verdicts = new MemoryVerdictStore();
  return { originals: new MemoryOriginalStore(), verdicts, profiles: new MemoryThresholdProfileStore(), announced: async () => verdicts.announced.map((a) => a.kind), close: async () => undefined };
});

verdictStoreContract("SQL stores on embedded PGlite", async () => {
  const embedded = await EmbeddedPostgres.open();
  const db = await embedded.database("ocr_verification");
  return sqlStoresUnderTest(db, "ocr_verification", () => embedded.close());
});
