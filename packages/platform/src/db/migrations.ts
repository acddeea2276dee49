import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "../logging/logger.js";
import { failedPrecondition, internal, invalidArgument } from "../errors/errors.js";
import type { SqlDatabase } from "./sql.js";
import { quotedSchema } from "./schema-name.js";

/**
 * The key `prisma migrate deploy` itself locks on, so this runner and the Prisma CLI exclude each other.
 * It is database-wide: services sharing one database migrate one after another, which costs little.
 */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

/** Options for {@link applyMigrations}. */
export interface ApplyMigrationsOptions {
  /** The schema the handle is bound to; checked against the connection, and where `_prisma_migrations` lives. */
  readonly schema: string;
  readonly logger?: Logger;
}

/** What {@link applyMigrations} did. */
export interface MigrationReport {
  /** Migrations applied by this call, in order. */
  readonly applied: readonly string[];
  /** Migrations already recorded as applied before or during this call (another process may have won). */
  readonly alreadyApplied: readonly string[];
  /** Applied migrations whose file no longer matches the recorded checksum. */
  readonly changed: readonly string[];
}

interface MigrationFile {
  readonly name: string;
  readonly script: string;
  readonly checksum: string;
}

interface MigrationRow extends Record<string, unknown> {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** sha256 of the file's bytes, lower-case hex: what Prisma stores in `_prisma_migrations.checksum`. */
export function migrationChecksum(script: Buffer | string): string {
  return createHash("sha256").update(script).digest("hex");
}

async function readMigrations(migrationsDir: string): Promise<MigrationFile[]> {
  let entries;
  try {
    entries = await readdir(migrationsDir, { withFileTypes: true });
  } catch (error) {
    throw invalidArgument(`migrations directory ${migrationsDir} cannot be read`, { cause: error });
  }
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  // Prisma orders by directory name; its timestamp prefix makes that chronological.
  names.sort();
  const files: MigrationFile[] = [];
  for (const name of names) {
    let bytes: Buffer;
    try {
      bytes = await readFile(join(migrationsDir, name, "migration.sql"));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw error;
    }
    files.push({ name, script: bytes.toString("utf8"), checksum: migrationChecksum(bytes) });
  }
  return files;
}

/**
 * Applies `<migrationsDir>/<name>/migration.sql` in name order, recording each in `_prisma_migrations`
 * exactly as `prisma migrate deploy` does (so `prisma migrate status` agrees), without the Prisma CLI.
 *
 * Each migration runs in its own transaction holding Prisma's migrate advisory lock: two processes
 * starting together apply each migration once, and a failing migration rolls back completely and is
 * not recorded, so fixing the file and restarting is enough. Scripts that cannot run inside a
 * transaction (CREATE INDEX CONCURRENTLY) are not supported. A recorded migration whose file changed
 * is logged as a warning and reported, not re-applied.
 */
export async function applyMigrations(db: SqlDatabase, migrationsDir: string, options: ApplyMigrationsOptions): Promise<MigrationReport> {
  const table = `${quotedSchema(options.schema)}."_prisma_migrations"`;
  const log = options.logger?.child({ schema: options.schema });
  const files = await readMigrations(migrationsDir);

  const [current] = await db.query<{ schema: string | null }>("SELECT current_schema() AS schema");
  if (current?.schema !== options.schema) {
    throw failedPrecondition(`database handle works in schema "${current?.schema ?? "(none)"}", migrations are for "${options.schema}"`);
  }

  // The same DDL the Prisma engine uses, so the CLI can later take over the table unchanged. Under the
  // lock because two processes racing on CREATE TABLE IF NOT EXISTS can still collide in the catalog.
  await db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
    await tx.query(`CREATE TABLE IF NOT EXISTS ${table} (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
  });

  const applied: string[] = [];
  const alreadyApplied: string[] = [];
  const changed: string[] = [];

  for (const file of files) {
    const outcome = await db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
      const rows = await tx.query<MigrationRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM ${table} WHERE migration_name = $1 AND rolled_back_at IS NULL`,
        [file.name],
      );
      const done = rows.find((row) => row.finished_at !== null);
      if (done) return done.checksum === file.checksum ? "present" : "changed";
      if (rows.length > 0) {
        // Left by a failed `prisma migrate deploy`; the CLI refuses to continue (P3009) and so do we.
        throw failedPrecondition(
          `migration ${file.name} in schema "${options.schema}" is recorded as failed; ` +
            `fix the database, then run: npx prisma migrate resolve --rolled-back ${file.name}`,
        );
      }
      const id = randomUUID();
      await tx.query(`INSERT INTO ${table} (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`, [
        id,
        file.checksum,
        file.name,
      ]);
      try {
        await tx.exec(file.script);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw internal(`migration ${file.name} failed in schema "${options.schema}": ${reason}`, { cause: error });
      }
      // clock_timestamp(): now() is the transaction start, which would make finished_at equal started_at.
      await tx.query(`UPDATE ${table} SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`, [id]);
      return "applied";
    });
    if (outcome === "applied") {
      applied.push(file.name);
      log?.info({ migration: file.name }, "migration applied");
    } else {
      alreadyApplied.push(file.name);
      if (outcome === "changed") {
        changed.push(file.name);
        log?.warn({ migration: file.name }, "applied migration file changed since it was applied");
      }
    }
  }

  const known = new Set(files.map((file) => file.name));
  const unknown = await db.query<{ migration_name: string }>(
    `SELECT migration_name FROM ${table} WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  for (const row of unknown) {
    if (!known.has(row.migration_name)) log?.warn({ migration: row.migration_name }, "applied migration missing from migrations directory");
  }
  return { applied, alreadyApplied, changed };
}
