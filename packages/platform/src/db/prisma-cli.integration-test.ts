import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { requireTestServer } from "../testing/servers.js";
import { applyMigrations } from "./migrations.js";
import { PgSqlDatabase } from "./pg-sql-database.js";
import { FIXTURE_MIGRATIONS, uniqueSchema } from "./sql-database.contract.js";

const PLATFORM_DIR = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURE_CONFIG = fileURLToPath(new URL("../../test-fixtures/db/prisma.config.ts", import.meta.url));
const PRISMA_CLI = createRequire(import.meta.url).resolve("prisma/build/index.js");
const CLI_TIMEOUT_MS = 90_000;

interface CliResult {
  readonly code: number | null;
  readonly output: string;
}

/** Runs the real Prisma CLI with the fixture config; the config selects the stand-in schema engine. */
function prisma(args: readonly string[], databaseUrl: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PRISMA_CLI, ...args, "--config", FIXTURE_CONFIG], {
      cwd: PLATFORM_DIR,
      // No PRISMA_SCHEMA_ENGINE_BINARY here on purpose: prisma.config.ts must set it, or the CLI tries a download.
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: undefined, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`prisma ${args.join(" ")} did not finish within ${CLI_TIMEOUT_MS} ms:\n${output}`));
    }, CLI_TIMEOUT_MS);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function withSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("schema", schema);
  return parsed.toString();
}

describe("Prisma CLI with the stand-in schema engine (real PostgreSQL)", { timeout: 4 * CLI_TIMEOUT_MS }, () => {
  let url: string;
  let admin: PgSqlDatabase;
  const schemas: string[] = [];

  before(async () => {
    url = await requireTestServer("postgres");
    admin = await PgSqlDatabase.open({ url, schema: uniqueSchema("cli_admin") });
    schemas.push(admin.schema);
  });

  after(async () => {
    for (const schema of schemas) await admin?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin?.close();
  });

  it("agrees with the migration runner: runner-applied migrations are up to date for `migrate status` and show no drift", async () => {
    const schema = uniqueSchema("cli_runner");
    schemas.push(schema);
    const db = await PgSqlDatabase.open({ url, schema });
    try {
      const report = await applyMigrations(db, FIXTURE_MIGRATIONS, { schema });
      assert.ok(report.applied.length >= 1);
    } finally {
      await db.close();
    }
    const status = await prisma(["migrate", "status"], withSchema(url, schema));
    assert.equal(status.code, 0, status.output);
    assert.match(status.output, /Database schema is up to date/);
    // Describing the live schema exercises the engine's catalog queries (the "char" columns among them).
    const diff = await prisma(["migrate", "diff", "--from-config-datasource", "--to-schema", "test-fixtures/db/prisma/schema.prisma", "--exit-code"], withSchema(url, schema));
    assert.equal(diff.code, 0, diff.output);
    assert.match(diff.output, /No difference detected/);
  });

  it("`migrate deploy` through the CLI records rows the runner accepts as applied", async () => {
    const schema = uniqueSchema("cli_deploy");
    schemas.push(schema);
    const deploy = await prisma(["migrate", "deploy"], withSchema(url, schema));
    assert.equal(deploy.code, 0, deploy.output);
    assert.match(deploy.output, /successfully applied/);
    const db = await PgSqlDatabase.open({ url, schema });
    try {
      const report = await applyMigrations(db, FIXTURE_MIGRATIONS, { schema });
      assert.deepEqual(report.applied, []);
      assert.deepEqual(report.changed, []);
      assert.ok(report.alreadyApplied.length >= 1);
    } finally {
      await db.close();
    }
  });

  it("reports an unreachable database as a failure, not a silent success", async () => {
    const result = await prisma(["migrate", "status"], "postgres://nobody:nothing@127.0.0.1:1/none?schema=x");
    assert.notEqual(result.code, 0, result.output);
    assert.match(result.output, /P1001: Can't reach database server at 127\.0\.0\.1:1/);
  });
});
