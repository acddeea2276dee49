import * as assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { createRootLogger, type Logger } from "../logging/logger.js";
import { fileURLToPath } from "node:url";
import { PrismaClient } from "./generated/prisma/client.js";
import { applyMigrations } from "./migrations.js";
import { sqlExecutorFromPrisma, type PrismaAdapter } from "./prisma.js";
import type { SqlDatabase } from "./sql.js";

/** The fixture schema's migrations (src/db or dist/db -> ../../test-fixtures). */
export const FIXTURE_MIGRATIONS = fileURLToPath(new URL("../../test-fixtures/db/prisma/migrations", import.meta.url));

/** What the contract needs from a backend: schema-bound handles on one database. */
export interface SqlBackendUnderTest {
  /** A new handle bound to `schema` (the backend creates the schema). */
  database(schema: string): Promise<SqlDatabase>;
  /** The Prisma driver adapter over a handle this backend opened (`prismaAdapterFor`). */
  prismaAdapter(db: SqlDatabase): PrismaAdapter;
  /** Releases everything the backend opened; schemas were dropped by the suite already. */
  close(): Promise<void>;
}

const TEST_TIMEOUT_MS = 60_000;

/** A schema name unique to this run, so parallel runs and leftovers never collide. */
export function uniqueSchema(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString("hex")}`;
}

/** A pino logger whose lines are collected, to assert on warnings. */
export function capturingLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString("utf8"));
      callback();
    },
  });
  const logger = createRootLogger({ level: "debug", destination });
  const lines = () =>
    chunks
      .join("")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines };
}

async function writeMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(join(dir, name), { recursive: true });
  await writeFile(join(dir, name, "migration.sql"), sql);
}

/**
 * The {@link SqlDatabase} contract: every implementation (PGlite embedded, PostgreSQL) must pass it,
 * including the migration runner on top of it.
 */
export function sqlDatabaseContract(label: string, open: () => Promise<SqlBackendUnderTest>): void {
  describe(`SqlDatabase contract: ${label}`, { timeout: 5 * TEST_TIMEOUT_MS }, () => {
    let backend: SqlBackendUnderTest;
    const handles: SqlDatabase[] = [];
    const schemas = new Set<string>();
    const tempDirs: string[] = [];

    async function database(schema: string): Promise<SqlDatabase> {
      schemas.add(schema);
      const db = await backend.database(schema);
      handles.push(db);
      return db;
    }

    async function tempDir(): Promise<string> {
      const dir = await mkdtemp(join(tmpdir(), "yunxi-migrations-"));
      tempDirs.push(dir);
      return dir;
    }

    before(async () => {
      backend = await open();
    });

    after(async () => {
      const cleaner = handles.find(() => true);
      if (cleaner) {
        for (const schema of schemas) await cleaner.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
      }
      for (const db of handles) await db.close();
      await backend?.close();
      for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
    });

    it("runs statements with $n parameters and returns typed rows", { timeout: TEST_TIMEOUT_MS }, async () => {
      const db = await database(uniqueSchema("c_params"));
      await db.query("CREATE TABLE item (id bigserial PRIMARY KEY, name text NOT NULL, qty int NOT NULL, meta jsonb, at timestamptz NOT NULL DEFAULT now(), raw bytea)");
      const inserted = await db.query<{ id: bigint }>("INSERT INTO item (name, qty, meta, raw) VALUES ($1, $2, $3, $4) RETURNING id", [
        "seal",
        3,
        JSON.stringify({ colour: "red" }),
        Buffer.from([1, 2, 3]),
      ]);
      assert.equal(inserted.length, 1);
      assert.equal(typeof inserted[0]?.id, "bigint");
      const rows = await db.query("SELECT id, name, qty, meta, at, raw, count(*) OVER () AS total FROM item WHERE name = $1 AND qty > $2", ["seal", 1]);
      assert.equal(rows.length, 1);
      const row = rows[0]!;
      assert.equal(row["id"], inserted[0]?.id);
      assert.equal(row["name"], "seal");
      assert.equal(row["qty"], 3);
      assert.deepEqual(row["meta"], { colour: "red" });
      assert.ok(row["at"] instanceof Date);
      assert.ok(row["raw"] instanceof Uint8Array);
      assert.deepEqual([...(row["raw"] as Uint8Array)], [1, 2, 3]);
      assert.equal(row["total"], 1n);
      const byBigint = await db.query("SELECT name FROM item WHERE id = $1", [inserted[0]!.id]);
      assert.deepEqual(byBigint, [{ name: "seal" }]);
      assert.deepEqual(await db.query("SELECT name FROM item WHERE name = $1", ["'; DROP TABLE item; --"]), []);
    });

    it("commits a transaction that resolves and rolls back one that throws", { timeout: TEST_TIMEOUT_MS }, async () => {
      const db = await database(uniqueSchema("c_tx"));
      await db.query("CREATE TABLE entry (v int NOT NULL)");
      const value = await db.transaction(async (tx) => {
        await tx.query("INSERT INTO entry (v) VALUES ($1)", [1]);
        await tx.query("INSERT INTO entry (v) VALUES ($1)", [2]);
        return "done";
      });
      assert.equal(value, "done");
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.query("INSERT INTO entry (v) VALUES ($1)", [3]);
          throw new Error("changed my mind");
        }),
        /changed my mind/,
      );
      await assert.rejects(db.transaction(async (tx) => {
        await tx.query("INSERT INTO entry (v) VALUES ($1)", [4]);
        await tx.query("INSERT INTO missing_table VALUES (1)");
      }));
      const rows = await db.query<{ v: number }>("SELECT v FROM entry ORDER BY v");
      assert.deepEqual(rows.map((r) => r.v), [1, 2]);
    });

    it("refuses a transaction executor used after the transaction ended", { timeout: TEST_TIMEOUT_MS }, async () => {
      const db = await database(uniqueSchema("c_late"));
      let leaked: { query: SqlDatabase["query"] } | undefined;
      await db.transaction(async (tx) => {
        leaked = tx;
      });
      await assert.rejects(leaked!.query("SELECT 1"), /transaction already finished/);
    });

    it("isolates schemas: the same table name in two schemas holds different rows", { timeout: TEST_TIMEOUT_MS }, async () => {
      const a = await database(uniqueSchema("c_iso_a"));
      const b = await database(uniqueSchema("c_iso_b"));
      await a.query("CREATE TABLE thing (name text)");
      await b.query("CREATE TABLE thing (name text)");
      // Interleave a transaction in A with statements in B: each must land in its own schema.
      await Promise.all([
        a.transaction(async (tx) => {
          await tx.query("INSERT INTO thing VALUES ($1)", ["a1"]);
          await new Promise((resolve) => setTimeout(resolve, 20));
          await tx.query("INSERT INTO thing VALUES ($1)", ["a2"]);
        }),
        b.query("INSERT INTO thing VALUES ($1)", ["b1"]),
        b.transaction(async (tx) => {
          await tx.query("INSERT INTO thing VALUES ($1)", ["b2"]);
        }),
      ]);
      const inA = await a.query<{ name: string }>("SELECT name FROM thing ORDER BY name");
      const inB = await b.query<{ name: string }>("SELECT name FROM thing ORDER BY name");
      assert.deepEqual(inA.map((r) => r.name), ["a1", "a2"]);
      assert.deepEqual(inB.map((r) => r.name), ["b1", "b2"]);
    });

    it("rejects a schema name that is not a plain identifier, creating nothing", { timeout: TEST_TIMEOUT_MS }, async () => {
      await assert.rejects(backend.database('x"; DROP SCHEMA public; --'), (error: Error) => /schema name/.test(error.message));
      await assert.rejects(backend.database("Upper"), /schema name/);
    });

    describe("migrations", () => {
      it("applies migrations once, in order, recorded like prisma migrate deploy; a re-run is a no-op", { timeout: TEST_TIMEOUT_MS }, async () => {
        const schema = uniqueSchema("c_mig");
        const db = await database(schema);
        const dir = await tempDir();
        await writeMigration(dir, "20260101000000_init", 'CREATE TABLE "Seal" (id text PRIMARY KEY, name text NOT NULL);\nCREATE INDEX "Seal_name_idx" ON "Seal"(name);\n');
        await writeMigration(dir, "20260102000000_count", 'CREATE TABLE counter (n int);\nINSERT INTO counter VALUES (1);\n');
        await writeFile(join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
        const first = await applyMigrations(db, dir, { schema });
        assert.deepEqual(first.applied, ["20260101000000_init", "20260102000000_count"]);
        const rows = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null; started_at: Date; applied_steps_count: number; logs: string | null; rolled_back_at: Date | null; id: string }>(
          "SELECT * FROM _prisma_migrations ORDER BY migration_name",
        );
        assert.equal(rows.length, 2);
        const { migrationChecksum } = await import("./migrations.js");
        const { readFile } = await import("node:fs/promises");
        for (const row of rows) {
          assert.equal(row.checksum, migrationChecksum(await readFile(join(dir, row.migration_name, "migration.sql"))));
          assert.match(row.checksum, /^[0-9a-f]{64}$/);
          assert.match(row.id, /^[0-9a-f-]{36}$/);
          assert.ok(row.finished_at instanceof Date);
          assert.ok(row.finished_at.getTime() >= row.started_at.getTime());
          assert.equal(row.applied_steps_count, 1);
          assert.equal(row.rolled_back_at, null);
        }
        const second = await applyMigrations(db, dir, { schema });
        assert.deepEqual(second.applied, []);
        assert.deepEqual(second.alreadyApplied, ["20260101000000_init", "20260102000000_count"]);
        assert.deepEqual(await db.query("SELECT n FROM counter"), [{ n: 1 }]);
        assert.equal((await db.query("SELECT 1 FROM _prisma_migrations")).length, 2);
      });

      it("warns about an applied migration whose file changed and does not re-apply it", { timeout: TEST_TIMEOUT_MS }, async () => {
        const schema = uniqueSchema("c_sum");
        const db = await database(schema);
        const dir = await tempDir();
        await writeMigration(dir, "20260101000000_init", "CREATE TABLE counter (n int);\nINSERT INTO counter VALUES (1);\n");
        await applyMigrations(db, dir, { schema });
        await writeMigration(dir, "20260101000000_init", "CREATE TABLE counter (n int);\nINSERT INTO counter VALUES (2);\n");
        const { logger, lines } = capturingLogger();
        const report = await applyMigrations(db, dir, { schema, logger });
        assert.deepEqual(report.changed, ["20260101000000_init"]);
        assert.deepEqual(report.applied, []);
        const warning = lines().find((line) => line["level"] === "warn" && line["migration"] === "20260101000000_init");
        assert.ok(warning, "expected a warning naming the changed migration");
        assert.deepEqual(await db.query("SELECT n FROM counter"), [{ n: 1 }]);
      });

      it("fails clearly on a broken migration, leaving it unapplied and unrecorded", { timeout: TEST_TIMEOUT_MS }, async () => {
        const schema = uniqueSchema("c_bad");
        const db = await database(schema);
        const dir = await tempDir();
        await writeMigration(dir, "20260101000000_ok", "CREATE TABLE good (n int);\n");
        await writeMigration(dir, "20260102000000_broken", "CREATE TABLE half (n int);\nCREATE TABLE broken (n no_such_type);\n");
        await writeMigration(dir, "20260103000000_after", "CREATE TABLE later (n int);\n");
        await assert.rejects(applyMigrations(db, dir, { schema }), (error: Error) => {
          assert.match(error.message, /20260102000000_broken/);
          assert.match(error.message, /no_such_type/);
          return true;
        });
        const recorded = await db.query<{ migration_name: string }>("SELECT migration_name FROM _prisma_migrations ORDER BY migration_name");
        assert.deepEqual(recorded.map((r) => r.migration_name), ["20260101000000_ok"]);
        const tables = await db.query<{ table_name: string }>(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name <> '_prisma_migrations' ORDER BY table_name",
          [schema],
        );
        assert.deepEqual(tables.map((t) => t.table_name), ["good"]);
        // Fixing the file and running again is all it takes.
        await writeMigration(dir, "20260102000000_broken", "CREATE TABLE half (n int);\n");
        const report = await applyMigrations(db, dir, { schema });
        assert.deepEqual(report.applied, ["20260102000000_broken", "20260103000000_after"]);
      });

      it("applies each migration once when two appliers start at the same time", { timeout: TEST_TIMEOUT_MS }, async () => {
        const schema = uniqueSchema("c_race");
        const first = await database(schema);
        const second = await database(schema);
        const dir = await tempDir();
        // Not idempotent on purpose: a second application would fail or double the count.
        for (let i = 1; i <= 4; i++) {
          await writeMigration(dir, `2026010${i}000000_m${i}`, `CREATE TABLE t${i} (n int);\nINSERT INTO t${i} VALUES (${i});\n`);
        }
        const [a, b] = await Promise.all([applyMigrations(first, dir, { schema }), applyMigrations(second, dir, { schema })]);
        assert.equal(a.applied.length + b.applied.length, 4);
        assert.deepEqual([...a.applied, ...b.applied].sort(), ["20260101000000_m1", "20260102000000_m2", "20260103000000_m3", "20260104000000_m4"]);
        const recorded = await first.query<{ n: bigint }>("SELECT count(*) AS n FROM _prisma_migrations");
        assert.equal(recorded[0]?.n, 4n);
        for (let i = 1; i <= 4; i++) assert.deepEqual(await first.query(`SELECT n FROM t${i}`), [{ n: i }]);
      });

      it("refuses to run against a handle bound to another schema", { timeout: TEST_TIMEOUT_MS }, async () => {
        const db = await database(uniqueSchema("c_wrong"));
        const dir = await tempDir();
        await writeMigration(dir, "20260101000000_init", "CREATE TABLE x (n int);\n");
        await assert.rejects(applyMigrations(db, dir, { schema: "some_other_schema" }), /migrations are for "some_other_schema"/);
        assert.deepEqual(await db.query("SELECT to_regclass('x') AS t"), [{ t: null }]);
      });
    });

    describe("Prisma client from the fixture schema", () => {
      const clients: PrismaClient[] = [];
      after(async () => {
        for (const client of clients) await client.$disconnect();
      });

      async function migratedClient(schema: string): Promise<{ db: SqlDatabase; prisma: PrismaClient }> {
        const db = await database(schema);
        const report = await applyMigrations(db, FIXTURE_MIGRATIONS, { schema });
        assert.ok(report.applied.length >= 1, "fixture migrations applied");
        await db.query("CREATE TABLE outbox_probe (id bigserial PRIMARY KEY, topic text NOT NULL, payload jsonb NOT NULL)");
        const prisma = new PrismaClient({ adapter: backend.prismaAdapter(db) });
        clients.push(prisma);
        return { db, prisma };
      }

      it("creates, finds and updates rows that the SqlDatabase handle sees in the same schema", { timeout: TEST_TIMEOUT_MS }, async () => {
        const schema = uniqueSchema("c_prisma");
        const { db, prisma } = await migratedClient(schema);
        const seal = await prisma.seal.create({ data: { name: "finance", records: { create: [{ sequence: 1 }, { sequence: 2 }] } } });
        assert.equal(seal.status, "ACTIVE");
        const found = await prisma.seal.findUnique({ where: { name: "finance" }, include: { records: { orderBy: { sequence: "asc" } } } });
        assert.equal(found?.id, seal.id);
        assert.deepEqual(found?.records.map((r) => r.sequence), [1, 2]);
        assert.equal(typeof found?.records[0]?.id, "bigint");
        const updated = await prisma.seal.update({ where: { id: seal.id }, data: { impressions: { increment: 2 }, status: "LOCKED" } });
        assert.equal(updated.impressions, 2);
        assert.equal(updated.status, "LOCKED");
        const viaSql = await db.query<{ name: string; impressions: number; status: string }>('SELECT name, impressions, status::text AS status FROM "Seal"');
        assert.deepEqual(viaSql, [{ name: "finance", impressions: 2, status: "LOCKED" }]);
        await assert.rejects(prisma.seal.create({ data: { name: "finance" } }), (error: Error & { code?: string }) => error.code === "P2002");
      });

      it("keeps each schema's Prisma data apart", { timeout: TEST_TIMEOUT_MS }, async () => {
        const a = await migratedClient(uniqueSchema("c_prisma_a"));
        const b = await migratedClient(uniqueSchema("c_prisma_b"));
        await a.prisma.seal.create({ data: { name: "only-in-a" } });
        assert.equal(await b.prisma.seal.count(), 0);
        assert.equal(await a.prisma.seal.count(), 1);
        await b.prisma.seal.create({ data: { name: "only-in-b" } });
        assert.deepEqual((await a.prisma.seal.findMany()).map((s) => s.name), ["only-in-a"]);
      });

      it("writes platform rows through sqlExecutorFromPrisma in the same interactive transaction", { timeout: TEST_TIMEOUT_MS }, async () => {
        const { db, prisma } = await migratedClient(uniqueSchema("c_prisma_tx"));
        await prisma.$transaction(async (tx) => {
          const seal = await tx.seal.create({ data: { name: "committed" } });
          const sql = sqlExecutorFromPrisma(tx);
          const rows = await sql.query<{ id: bigint }>("INSERT INTO outbox_probe (topic, payload) VALUES ($1, $2::jsonb) RETURNING id", [
            "seal.created",
            JSON.stringify({ id: seal.id }),
          ]);
          assert.equal(typeof rows[0]?.id, "bigint");
        });
        await assert.rejects(
          prisma.$transaction(async (tx) => {
            await tx.seal.create({ data: { name: "rolled-back" } });
            await sqlExecutorFromPrisma(tx).query("INSERT INTO outbox_probe (topic, payload) VALUES ($1, $2::jsonb)", ["seal.created", "{}"]);
            throw new Error("abort");
          }),
          /abort/,
        );
        assert.deepEqual((await prisma.seal.findMany({ orderBy: { name: "asc" } })).map((s) => s.name), ["committed"]);
        const outbox = await db.query<{ topic: string; payload: unknown }>("SELECT topic, payload FROM outbox_probe");
        assert.equal(outbox.length, 1);
        assert.equal(outbox[0]?.topic, "seal.created");
        assert.ok(typeof (outbox[0]?.payload as { id?: unknown }).id === "string");
      });
    });
  });
}
