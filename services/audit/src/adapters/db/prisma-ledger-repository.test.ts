import { PgliteSqlDatabase } from "@yunxi/platform";
import { openTestLedger } from "../../testing/open-test-ledger.js";
import { ledgerRepositoryContract } from "./ledger-repository.contract.js";

ledgerRepositoryContract("embedded PGlite", async () => {
  const db = await PgliteSqlDatabase.open({ schema: "audit" });
  const opened = await openTestLedger(db);
  return { ...opened, close: async () => (await opened.close(), await db.close()) };
});
