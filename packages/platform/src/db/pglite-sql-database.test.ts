import * as assert from "node:assert/strict";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { PgliteSqlDatabase } from "./pglite-sql-database.js";
import { EmbeddedPostgres } from "./pglite-sql-database.js";
import { prismaAdapterFor } from "./prisma.js";
import { sqlDatabaseContract } from "./sql-database.contract.js";

sqlDatabaseContract("PgliteSqlDatabase (one in-memory EmbeddedPostgres)", async () => {
  const embedded = await EmbeddedPostgres.open();
  return {
    database: (schema) => embedded.database(schema),
    prismaAdapter: (db) => prismaAdapterFor(db as PgliteSqlDatabase),
    close: () => embedded.close(),
  };
});

describe("EmbeddedPostgres", { timeout: 120_000 }, () => {
  it("turns a statement issued outside the running transaction into an error instead of a deadlock", async () => {
    const embedded = await EmbeddedPostgres.open();
    try {
      const db = await embedded.database("deadlock_probe");
      await assert.rejects(
        db.transaction(async () => db.query("SELECT 1")),
        /outside the running transaction/,
      );
      assert.deepEqual(await db.query("SELECT 1 AS one"), [{ one: 1 }]);
    } finally {
      await embedded.close();
    }
  });

  it("keeps data in <dataDir>/pglite across close and reopen", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "yunxi-pglite-"));
    try {
      const first = await EmbeddedPostgres.open({ dataDir });
      const db = await first.database("persist_probe");
      await db.query("CREATE TABLE kept (v text)");
      await db.query("INSERT INTO kept VALUES ($1)", ["still here"]);
      await first.close();
      await assert.rejects(db.query("SELECT 1"), /closed/);
      assert.ok((await stat(join(dataDir, "pglite"))).isDirectory());
      const second = await EmbeddedPostgres.open({ dataDir });
      try {
        const again = await second.database("persist_probe");
        assert.deepEqual(await again.query("SELECT v FROM kept"), [{ v: "still here" }]);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
