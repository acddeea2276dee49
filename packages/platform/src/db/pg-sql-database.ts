import pg from "pg";
import type { Logger } from "../logging/logger.js";
import { failedPrecondition, unavailable } from "../errors/errors.js";
import type { SqlDatabase, SqlTransaction } from "./sql.js";
import { quotedSchema } from "./schema-name.js";

/** Options for {@link PgSqlDatabase.open}. */
export interface PgSqlDatabaseOptions {
  /** `postgres://user:password@host:port/database`; never logged. */
  readonly url: string;
  /** The one schema this handle works in; created if missing and set as `search_path` on every connection. */
  readonly schema: string;
  /** Pool size; default 10. */
  readonly maxConnections?: number;
  /** How long to wait for a connection before failing with Unavailable; default 5000 ms. */
  readonly connectTimeoutMs?: number;
  /** Server-side statement timeout; default none. */
  readonly statementTimeoutMs?: number;
  /** Set on every connection so `pg_stat_activity` names the service. */
  readonly applicationName?: string;
  readonly logger?: Logger;
}

const INT8_OID = 20;

/**
 * int8 arrives as a JavaScript bigint on both backends (the pg driver's default is a string, PGlite's a
 * lossy number); one representation keeps code that reads ids and counts backend-independent.
 */
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID && format !== "binary"
      ? (value: string) => BigInt(value)
      : pg.types.getTypeParser(oid, format as "text")) as pg.CustomTypesConfig["getTypeParser"],
};

/** Where the pool connects, for error messages: host and port only, never credentials. */
function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
  } catch {
    return "an unparsable PostgreSQL URL";
  }
}

function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && /^(ECONN|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|EAI_AGAIN|57P0|08)/.test(code)) return true;
  return /timeout exceeded when trying to connect|Connection terminated/i.test(error.message);
}

/**
 * {@link SqlDatabase} over a `pg` pool on a real PostgreSQL server, bound to one schema: every pooled
 * connection starts with `search_path` set to it (a startup parameter, so no connection can miss it).
 */
export class PgSqlDatabase implements SqlDatabase {
  readonly schema: string;
  readonly #pool: pg.Pool;
  readonly #target: string;
  #closed = false;

  private constructor(pool: pg.Pool, schema: string, target: string) {
    this.#pool = pool;
    this.schema = schema;
    this.#target = target;
  }

  /**
   * Connects (failing with Unavailable naming host and port within `connectTimeoutMs`), creates the
   * schema if it does not exist, and returns the handle.
   */
  static async open(options: PgSqlDatabaseOptions): Promise<PgSqlDatabase> {
    const quoted = quotedSchema(options.schema);
    const target = describeTarget(options.url);
    const startupOptions = [`-c search_path=${quoted}`];
    if (options.statementTimeoutMs !== undefined) startupOptions.push(`-c statement_timeout=${Math.floor(options.statementTimeoutMs)}`);
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      options: startupOptions.join(" "),
      types: typeParsers,
      ...(options.applicationName === undefined ? {} : { application_name: options.applicationName }),
    });
    const logger = options.logger;
    // An idle client losing its server emits on the pool; without a listener that would crash the process.
    pool.on("error", (error) => logger?.warn({ err: { message: error.message }, target }, "idle PostgreSQL connection failed"));
    const db = new PgSqlDatabase(pool, options.schema, target);
    try {
      await db.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return db;
  }

  /** The pg pool, for the Prisma adapter (`prismaAdapterFor`) to share connections and search_path. */
  get pool(): pg.Pool {
    return this.#pool;
  }

  async query<Row extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    this.#assertOpen();
    try {
      const result = await this.#pool.query(sql, params as unknown[] | undefined);
      return result.rows as Row[];
    } catch (error) {
      throw this.#translate(error);
    }
  }

  async transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    this.#assertOpen();
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw this.#translate(error);
    }
    let finished = false;
    // A statement issued after commit/rollback would run on a connection someone else now holds.
    const assertActive = () => {
      if (finished) throw failedPrecondition("transaction already finished");
    };
    const tx: SqlTransaction = {
      query: async <Row extends Record<string, unknown>>(sql: string, params?: readonly unknown[]) => {
        assertActive();
        const result = await client.query(sql, params as unknown[] | undefined);
        return result.rows as Row[];
      },
      exec: async (script: string) => {
        assertActive();
        // Without parameters pg uses the simple query protocol, which accepts several statements.
        await client.query(script);
      },
    };
    let broken: unknown;
    try {
      await client.query("BEGIN");
      const value = await work(tx);
      await client.query("COMMIT");
      return value;
    } catch (error) {
      try {
        await client.query("ROLLBACK");
      } catch (rollbackError) {
        broken = rollbackError;
      }
      throw this.#translate(error);
    } finally {
      finished = true;
      // A connection whose rollback failed is in an unknown state: destroy it rather than reuse it.
      client.release(broken === undefined ? undefined : (broken as Error));
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }

  #assertOpen(): void {
    if (this.#closed) throw failedPrecondition(`database handle for schema "${this.schema}" is closed`);
  }

  #translate(error: unknown): unknown {
    if (isConnectionError(error)) {
      const reason = error instanceof Error ? error.message : String(error);
      return unavailable(`PostgreSQL at ${this.#target} is unreachable: ${reason}`, { cause: error });
    }
    return error;
  }
}
