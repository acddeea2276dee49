#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, which the Prisma CLI downloads from a host that
// air-gapped networks (and this build machine) cannot reach. The CLI spawns whatever
// PRISMA_SCHEMA_ENGINE_BINARY names with the native engine's arguments and speaks JSON-RPC lines over
// stdin/stdout; this script answers with @prisma/schema-engine-wasm running over a driver adapter
// (@prisma/adapter-pg for postgres:// URLs, PGlite for pglite: URLs). See docs/database.md.
import { randomBytes } from "node:crypto";
import { appendFileSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum, bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";

const require = createRequire(import.meta.url);
/** An RPC that takes longer than this is reported as a stalled driver instead of hanging the CLI. */
const RPC_TIMEOUT_MS = Number(process.env.YUNXI_SCHEMA_ENGINE_TIMEOUT_MS ?? 300_000);
const CHAR_OID = 18;
const TEXT_OID = 25;

// ---------- logging: the CLI parses stderr lines as the native engine's tracing JSON ----------
const traceFile = process.env.YUNXI_SCHEMA_ENGINE_TRACE;
/** Appends to YUNXI_SCHEMA_ENGINE_TRACE when set: the CLI hides the engine's stderr unless it fails. */
function trace(...parts) {
  if (traceFile) appendFileSync(traceFile, `${new Date().toISOString()} ${process.pid} ${parts.map((p) => (typeof p === "string" ? p : JSON.stringify(p))).join(" ")}\n`);
}
process.on("exit", (code) => trace("exit", code));
trace("start", process.argv.slice(2).map((a) => a.replace(/\/\/[^@]*@/, "//***@")));
function logLine(level, message, extra = {}) {
  process.stderr.write(`${JSON.stringify({ timestamp: new Date().toISOString(), level, fields: { message, ...extra }, target: "schema_engine::logger" })}\n`);
}

// ---------- arguments ----------
function parseArguments(argv) {
  const parsed = { datamodels: [], datasource: undefined, cli: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--datamodels") parsed.datamodels.push(argv[++i]);
    else if (arg === "--datasource") parsed.datasource = JSON.parse(argv[++i]);
    else if (arg === "--enabled-preview-features" || arg === "--extension-types") i++;
    else if (arg === "cli") parsed.cli = argv[++i];
    else if (arg === "--version" || arg === "-V") parsed.cli = "version";
  }
  return parsed;
}

// ---------- bug 1: adapter-pg cannot map the catalog type "char" (oid 18) ----------
// The describer reads pg_catalog columns of type "char" (e.g. constraint kinds). Report them as text to
// adapter-pg, then re-tag them as Character so the engine sees the type it expects.
const charColumns = new WeakMap();
const originalQuery = pg.Client.prototype.query;
function textInsteadOfChar(res) {
  const fields = res?.fields;
  if (Array.isArray(fields)) {
    const indexes = [];
    fields.forEach((field, index) => {
      if (field.dataTypeID === CHAR_OID) {
        field.dataTypeID = TEXT_OID;
        indexes.push(index);
      }
    });
    if (indexes.length > 0 && Array.isArray(res.rows)) charColumns.set(res.rows, indexes);
  }
  return res;
}
pg.Client.prototype.query = function patchedQuery(config, values, callback) {
  // pg.Pool#query calls with a callback (in the values slot when there are no values); clients return promises.
  if (typeof callback === "function") {
    return originalQuery.call(this, config, values, (error, res) => callback(error, error ? res : textInsteadOfChar(res)));
  }
  if (typeof values === "function") {
    return originalQuery.call(this, config, (error, res) => values(error, error ? res : textInsteadOfChar(res)));
  }
  const result = originalQuery.call(this, config, values);
  return result && typeof result.then === "function" ? result.then(textInsteadOfChar) : result;
};

function retagChar(queryable) {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    const indexes = charColumns.get(result.rows);
    if (indexes) for (const index of indexes) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  if (typeof queryable.startTransaction === "function") {
    const startTransaction = queryable.startTransaction.bind(queryable);
    queryable.startTransaction = async (...args) => retagChar(await startTransaction(...args));
  }
  return queryable;
}

// ---------- connections ----------
/** Splits Prisma's `?schema=` off a postgres URL: pg does not know it, the engine needs it separately. */
function postgresTarget(url) {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? "public";
  parsed.searchParams.delete("schema");
  if (!/^[A-Za-z_][A-Za-z0-9_$]*$/.test(schema)) throw new Error(`unsupported schema name in datasource URL: ${schema}`);
  return {
    schema,
    fields: {
      host: decodeURIComponent(parsed.hostname),
      port: Number(parsed.port || 5432),
      user: decodeURIComponent(parsed.username),
      password: decodeURIComponent(parsed.password),
      database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "postgres",
      ...(parsed.searchParams.get("sslmode") && parsed.searchParams.get("sslmode") !== "disable" ? { ssl: { rejectUnauthorized: parsed.searchParams.get("sslmode") === "verify-full" } } : {}),
    },
  };
}

function poolConfig(fields, schema) {
  // bug 4: without allowExitOnIdle an idle pool keeps every CLI command alive for ~10 s.
  return { ...fields, max: 4, allowExitOnIdle: true, connectionTimeoutMillis: 10_000, options: `-c search_path="${schema}"` };
}

const disposers = [];

async function pgliteAdapterFactory(location, schema) {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const db = await PGlite.create(location === "memory" ? undefined : location);
  disposers.push(() => db.close());
  await db.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}"; SET search_path TO "${schema}"`);
  const factory = new PrismaPGlite(db);
  const withSchema = async (adapterPromise) => {
    const adapter = await adapterPromise;
    // PrismaPGlite does not pass a schema through; the engine describes the schema named here.
    adapter.getConnectionInfo = () => ({ schemaName: schema, supportsRelationJoins: true });
    return adapter;
  };
  return {
    provider: "postgres",
    adapterName: factory.adapterName,
    connect: () => withSchema(factory.connect()),
    connectToShadowDb: async () => {
      const shadow = await pgliteAdapterFactory("memory", schema);
      return shadow.connect();
    },
  };
}

/** pglite:memory or pglite:<directory>; `?schema=` as for postgres URLs. */
function pgliteLocation(url) {
  const rest = url.slice("pglite:".length);
  const [location, query = ""] = rest.split("?");
  const schema = new URLSearchParams(query).get("schema") ?? "public";
  return { location: location || "memory", schema };
}

async function postgresAdapterFactory(url, shadowUrl) {
  const { schema, fields } = postgresTarget(url);
  const main = new PrismaPg(poolConfig(fields, schema), { schema });
  return {
    provider: "postgres",
    adapterName: main.adapterName,
    connect: async () => retagChar(await main.connect()),
    // bug 2: PrismaPg.connectToShadowDb() reuses the main database when given a URL, and drops the shadow
    // before closing its pool. Use SHADOW_DATABASE_URL when set, else a temporary database of our own.
    connectToShadowDb: async () => {
      if (shadowUrl?.startsWith("pglite:")) {
        const shadow = await pgliteAdapterFactory("memory", pgliteLocation(shadowUrl).schema);
        return shadow.connect();
      }
      if (shadowUrl) {
        const target = postgresTarget(shadowUrl);
        return retagChar(await new PrismaPg(poolConfig(target.fields, target.schema), { schema: target.schema }).connect());
      }
      const shadowName = `prisma_shadow_${randomBytes(6).toString("hex")}`;
      const admin = new pg.Client({ ...fields, connectionTimeoutMillis: 10_000 });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${shadowName}"`);
      } catch (error) {
        await admin.end();
        throw new Error(`cannot create a shadow database (the role needs CREATEDB, or set SHADOW_DATABASE_URL): ${error.message}`);
      }
      const adapter = retagChar(await new PrismaPg(poolConfig({ ...fields, database: shadowName }, schema), { schema }).connect());
      await adapter.executeScript(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await adapter.underlyingDriver().end().catch(() => undefined);
        await admin.query(`DROP DATABASE IF EXISTS "${shadowName}" WITH (FORCE)`).finally(() => admin.end());
      };
      return adapter;
    },
  };
}

async function adapterFactory(datasource) {
  const url = datasource?.url;
  const shadowUrl = datasource?.shadowDatabaseUrl ?? process.env.SHADOW_DATABASE_URL;
  // Commands that need no database (diff between schema files) still need an adapter to construct the engine.
  if (!url || url.startsWith("pglite:")) {
    const { location, schema } = url ? pgliteLocation(url) : { location: "memory", schema: "public" };
    return pgliteAdapterFactory(location, schema);
  }
  return postgresAdapterFactory(url, shadowUrl);
}

// ---------- the wasm engine ----------
const wasmDir = () => dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
const wasmPackageVersion = () => JSON.parse(readFileSync(join(wasmDir(), "package.json"), "utf8")).version;

function loadWasm() {
  const wasmPath = join(wasmDir(), "schema_engine_bg.wasm");
  // The package's own `import … from "*.wasm"` does not load on Node 20; instantiate it by hand as the
  // Prisma 6 CLI did.
  const module = new WebAssembly.Module(readFileSync(wasmPath));
  const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
}

let panicMessage;
globalThis.PRISMA_WASM_PANIC_REGISTRY = {
  set_message(message) {
    panicMessage = message;
  },
};

async function createEngine(args) {
  loadWasm();
  const datamodels = args.datamodels.map((file) => [file, readFileSync(file, "utf8")]);
  const factory = bindMigrationAwareSqlAdapterFactory(await adapterFactory(args.datasource));
  const log = (line) => process.stderr.write(`${typeof line === "string" ? line : JSON.stringify(line)}\n`);
  return glue.SchemaEngine.new({ datamodels: datamodels.length > 0 ? datamodels : undefined }, log, factory);
}

function errorPayload(error) {
  const isPanic = panicMessage !== undefined;
  const message = panicMessage ?? error?.message ?? String(error);
  panicMessage = undefined;
  const data = { is_panic: isPanic, message, backtrace: null };
  if (error && typeof error === "object") {
    const code = error.error_code ?? error.errorCode ?? error.code;
    if (typeof code === "string" && /^P\d{4}$/.test(code)) data.error_code = code;
    if (error.meta !== undefined) data.meta = error.meta;
  }
  return { code: 4466, message: "An error happened. Check the data field for details.", data };
}

async function shutdown(code) {
  trace("shutdown", code);
  for (const dispose of disposers.splice(0)) await Promise.resolve(dispose()).catch(() => undefined);
  process.exitCode = code;
  // Flush stdout before leaving; bug 4: nothing else may keep the CLI waiting.
  process.stdout.write("", () => process.exit(code));
}

// ---------- one-shot form: `--datasource … cli <command>` ----------
async function runCli(args) {
  if (args.cli === "version") {
    process.stdout.write(`schema-engine-cli ${wasmPackageVersion()} (yunxi wasm stand-in)\n`);
    return shutdown(0);
  }
  process.stderr.write("yunxi schema-engine stand-in\n");
  // An in-memory PGlite always "exists"; starting one just to say so costs seconds.
  if (args.datasource?.url?.startsWith("pglite:memory")) return shutdown(0);
  try {
    const factory = await adapterFactory(args.datasource);
    const adapter = await factory.connect();
    const schema = adapter.getConnectionInfo?.().schemaName ?? "public";
    switch (args.cli) {
      case "can-connect-to-database":
        await adapter.queryRaw({ sql: "SELECT 1", args: [], argTypes: [] });
        break;
      case "create-database":
        // The database exists once we can connect; a service's schema is what may be missing.
        await adapter.executeRaw({ sql: `CREATE SCHEMA IF NOT EXISTS "${schema}"`, args: [], argTypes: [] });
        break;
      case "drop-database":
        await adapter.executeRaw({ sql: `DROP SCHEMA IF EXISTS "${schema}" CASCADE`, args: [], argTypes: [] });
        break;
      default:
        throw new Error(`unsupported schema engine cli command: ${args.cli}`);
    }
    await adapter.dispose();
    return shutdown(0);
  } catch (error) {
    // adapter-pg wraps driver errors: the useful part (kind, host, port) is in `cause`.
    const cause = error?.cause ?? {};
    const unreachable = cause.kind === "DatabaseNotReachable" || /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|timeout/i.test(String(error?.message));
    const where = cause.host ? ` at ${cause.host}${cause.port ? `:${cause.port}` : ""}` : "";
    const message = unreachable ? `Can't reach database server${where}` : cause.kind ? `${cause.kind}${where}${cause.message ? `: ${cause.message}` : ""}` : (error?.message ?? String(error));
    logLine("ERROR", message, { error_code: unreachable ? "P1001" : "P1000" });
    return shutdown(1);
  }
}

// ---------- JSON-RPC form ----------
async function runRpc(args) {
  const engine = await createEngine(args);
  let primed = false;
  let nextPrintId = 1_000_000;
  const pending = new Set();
  const send = (message) => {
    trace("send", message.method ?? "", message.id, message.error ? message.error : "");
    process.stdout.write(`${JSON.stringify(message)}\n`);
  };

  async function call(method, params) {
    switch (method) {
      case "getDatabaseVersion":
        return engine.version(params ?? null);
      case "evaluateDataLoss":
        // bug 3: evaluateDataLoss needs the migration cache diagnoseMigrationHistory fills in.
        if (!primed) {
          await engine.diagnoseMigrationHistory({
            migrationsList: params.migrationsList,
            optInToShadowDatabase: true,
            filters: params.filters ?? { externalTables: [], externalEnums: [] },
          });
          primed = true;
        }
        return engine.evaluateDataLoss(params);
      case "diagnoseMigrationHistory":
        primed = true;
        return engine.diagnoseMigrationHistory(params);
      case "diff": {
        // The wasm engine returns the text; the native one prints it through the CLI's `print` callback.
        const result = await engine.diff(params);
        if (result.stdout) send({ id: nextPrintId++, jsonrpc: "2.0", method: "print", params: { content: result.stdout } });
        return { exitCode: result.exitCode };
      }
      default:
        if (typeof engine[method] !== "function" || method === "free" || method.startsWith("_")) throw new Error(`schema engine method not supported: ${method}`);
        return engine[method](params);
    }
  }

  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on("line", (line) => {
    if (line.trim() === "") return;
    let request;
    try {
      request = JSON.parse(line);
    } catch {
      logLine("ERROR", "unparsable JSON-RPC line");
      return;
    }
    trace("recv", request.method ?? "(ack)", request.id);
    if (request.method === undefined) return; // the CLI acknowledging a `print`
    const work = (async () => {
      let timer;
      const stalled = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`schema engine: ${request.method} did not finish within ${RPC_TIMEOUT_MS} ms (database driver stalled?)`)), RPC_TIMEOUT_MS);
      });
      try {
        const result = await Promise.race([call(request.method, request.params), stalled]);
        send({ id: request.id, jsonrpc: "2.0", result: result ?? null });
      } catch (error) {
        send({ id: request.id, jsonrpc: "2.0", error: errorPayload(error) });
      } finally {
        clearTimeout(timer);
      }
    })();
    pending.add(work);
    work.finally(() => pending.delete(work));
  });
  lines.on("close", async () => {
    await Promise.allSettled([...pending]);
    await shutdown(0);
  });
  // If the loop empties while a request is unanswered, the driver dropped it: exiting 0 would make the
  // CLI report success for work that never happened.
  process.on("beforeExit", () => {
    if (pending.size > 0) {
      logLine("ERROR", "schema engine: event loop drained with unanswered requests (database driver stalled)");
      process.exit(1);
    }
  });
}

process.on("uncaughtException", (error) => {
  trace("uncaught", error?.stack ?? String(error));
  logLine("ERROR", `schema engine crashed: ${error?.stack ?? String(error)}`);
  process.exit(101);
});

const args = parseArguments(process.argv.slice(2));
const main = args.cli ? runCli(args) : runRpc(args);
main.catch((error) => {
  logLine("ERROR", error?.stack ?? String(error));
  process.exit(1);
});
