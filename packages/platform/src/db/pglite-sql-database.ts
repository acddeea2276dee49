import { AsyncLocalStorage } from "node:async_hooks";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import type { Logger } from "../logging/logger.js";
import { failedPrecondition } from "../errors/errors.js";
import type { SqlDatabase, SqlTransaction } from "./sql.js";
import { quotedSchema } from "./schema-name.js";

const INT8_OID = 20;

/** Marks the async context of a running PGlite transaction, to turn a would-be deadlock into an error. */
interface ActiveTransaction {
  readonly instance: PGlite;
  active: boolean;
}
const activeTransaction = new AsyncLocalStorage<ActiveTransaction>();

/** Options for {@link EmbeddedPostgres.open}. */
export interface EmbeddedPostgresOptions {
  /** The process's data directory; the database lives in `<dataDir>/pglite`. Omit for an in-memory database. */
  readonly dataDir?: string;
  readonly logger?: Logger;
}

/**
 * The one PGlite (PostgreSQL in WebAssembly) instance of an embedded process. Every service gets its
 * own schema on it through {@link EmbeddedPostgres.database}; opening costs seconds, so it happens once.
 */
export class EmbeddedPostgres {
  readonly #pglite: PGlite;
  readonly #logger: Logger | undefined;
  #closed = false;

  private constructor(pglite: PGlite, logger: Logger | undefined) {
    this.#pglite = pglite;
    this.#logger = logger;
  }

  /** Opens (creating on first use) the database under `<dataDir>/pglite`, or in memory without a dataDir. */
  static async open(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
    let dataDir: string | undefined;
    if (options.dataDir !== undefined) {
      dataDir = join(options.dataDir, "pglite");
      await mkdir(dataDir, { recursive: true });
    }
    const started = Date.now();
    const pglite = await PGlite.create({
      ...(dataDir === undefined ? {} : { dataDir }),
      // Same row values as PgSqlDatabase: PGlite's default turns int8 into a lossy number.
      parsers: { [INT8_OID]: (value: string) => BigInt(value) },
    });
    options.logger?.info({ persistent: dataDir !== undefined, ms: Date.now() - started }, "embedded PostgreSQL opened");
    return new EmbeddedPostgres(pglite, options.logger);
  }

  /** The PGlite instance, for the Prisma adapter. Statements on it bypass schema binding; prefer `database()`. */
  get pglite(): PGlite {
    return this.#pglite;
  }

  /** A handle bound to `schema` (created if missing). Closing the handle leaves the instance open. */
  async database(schema: string): Promise<PgliteSqlDatabase> {
    if (this.#closed) throw failedPrecondition("embedded PostgreSQL is closed");
    const db = new PgliteSqlDatabase(this.#pglite, schema, false);
    await db.query(`CREATE SCHEMA IF NOT EXISTS ${quotedSchema(schema)}`);
    return db;
  }

  /** Closes the instance (flushing it to disk); every handle stops working. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pglite.close();
    this.#logger?.info("embedded PostgreSQL closed");
  }
}

/**
 * {@link SqlDatabase} on a PGlite instance, bound to one schema. PGlite has a single connection shared by
 * every schema handle, so each statement and transaction runs as one PGlite transaction that starts with
 * `SET LOCAL search_path`: PGlite's transaction lock keeps schema A's transaction from interleaving with
 * schema B's statements, and no handle depends on what another left in the session.
 */
export class PgliteSqlDatabase implements SqlDatabase {
  readonly schema: string;
  readonly #pglite: PGlite;
  readonly #ownsInstance: boolean;
  readonly #searchPath: string;
  #closed = false;

  /** Prefer {@link EmbeddedPostgres.database} or {@link PgliteSqlDatabase.open}. */
  constructor(pglite: PGlite, schema: string, ownsInstance: boolean) {
    this.#searchPath = quotedSchema(schema);
    this.#pglite = pglite;
    this.schema = schema;
    this.#ownsInstance = ownsInstance;
  }

  /** A stand-alone handle owning its own PGlite instance (tests, tools); closing it closes the instance. */
  static async open(options: { readonly schema: string; readonly dataDir?: string; readonly logger?: Logger }): Promise<PgliteSqlDatabase> {
    const embedded = await EmbeddedPostgres.open(options);
    const db = new PgliteSqlDatabase(embedded.pglite, options.schema, true);
    await db.query(`CREATE SCHEMA IF NOT EXISTS ${quotedSchema(options.schema)}`);
    return db;
  }

  /** The PGlite instance, for the Prisma adapter. */
  get pglite(): PGlite {
    return this.#pglite;
  }

  async query<Row extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    return this.transaction((tx) => tx.query<Row>(sql, params));
  }

  async transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    this.#assertUsable();
    const outer = activeTransaction.getStore();
    if (outer?.active && outer.instance === this.#pglite) {
      // PGlite has one connection: waiting for it from inside its own transaction would never return.
      throw failedPrecondition("embedded PostgreSQL: statement issued outside the running transaction's executor (use the tx argument)");
    }
    const marker: ActiveTransaction = { instance: this.#pglite, active: true };
    try {
      return await activeTransaction.run(marker, () =>
        this.#pglite.transaction(async (pgTx: Transaction) => {
          await pgTx.query(`SET LOCAL search_path TO ${this.#searchPath}`);
          return work(wrapTransaction(pgTx, marker));
        }),
      );
    } finally {
      marker.active = false;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#ownsInstance) await this.#pglite.close();
  }

  #assertUsable(): void {
    if (this.#closed) throw failedPrecondition(`database handle for schema "${this.schema}" is closed`);
    if (this.#pglite.closed) throw failedPrecondition("embedded PostgreSQL is closed");
  }
}

function wrapTransaction(pgTx: Transaction, marker: ActiveTransaction): SqlTransaction {
  const assertActive = () => {
    if (!marker.active || pgTx.closed) throw failedPrecondition("transaction already finished");
  };
  return {
    async query<Row extends Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
      assertActive();
      const result = await pgTx.query<Row>(sql, params === undefined ? undefined : [...params]);
      return result.rows;
    },
    async exec(script: string): Promise<void> {
      assertActive();
      await pgTx.exec(script);
    },
  };
}
