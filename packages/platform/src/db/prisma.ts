import type { PGlite, Transaction } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PgSqlDatabase } from "./pg-sql-database.js";
import type { PgliteSqlDatabase } from "./pglite-sql-database.js";
import { quotedSchema } from "./schema-name.js";
import type { SqlExecutor } from "./sql.js";

/** The driver adapter factory a generated `PrismaClient` takes as `{ adapter }`. */
export type PrismaAdapter = SqlMigrationAwareDriverAdapterFactory;

/**
 * Builds the Prisma 7 driver adapter for a service's generated client over the same database handle the
 * platform uses, so Prisma and `SqlDatabase` see the same schema:
 *
 * - PostgreSQL: `@prisma/adapter-pg` on the handle's pool (whose connections already carry the schema's
 *   `search_path`) with `{ schema }`, so generated SQL is schema-qualified. `$disconnect()` leaves the
 *   pool open; close the handle to end it.
 * - PGlite: `pglite-prisma-adapter`, which has no schema option of its own: it gets a view of the shared
 *   instance that runs every statement in a transaction starting with `SET LOCAL search_path`, and
 *   reports the schema to the query compiler. Statements therefore serialise with every other schema's
 *   work on the one PGlite connection, which is what keeps them from interleaving.
 */
export function prismaAdapterFor(db: PgSqlDatabase | PgliteSqlDatabase): PrismaAdapter {
  if (db instanceof PgSqlDatabase) return new PrismaPg(db.pool, { schema: db.schema });
  return pgliteAdapter(db.pglite, db.schema);
}

function pgliteAdapter(pglite: PGlite, schema: string): PrismaAdapter {
  const setPath = `SET LOCAL search_path TO ${quotedSchema(schema)}`;
  const inSchema = <T>(work: (tx: Transaction) => Promise<T>): Promise<T> =>
    pglite.transaction(async (tx) => {
      await tx.query(setPath);
      return work(tx);
    });
  // Only the members pglite-prisma-adapter 0.7 calls: query, exec, transaction.
  const view = {
    query: (sql: string, params?: unknown[], options?: object) => inSchema((tx) => tx.query(sql, params, options)),
    exec: (sql: string, options?: object) => inSchema((tx) => tx.exec(sql, options)),
    transaction: <T>(callback: (tx: Transaction) => Promise<T>) => inSchema(callback),
  } as unknown as PGlite;
  const factory = new PrismaPGlite(view);
  const withSchema = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    // The query compiler qualifies table names with this schema; the adapter would report none.
    adapter.getConnectionInfo = () => ({ schemaName: schema, supportsRelationJoins: true });
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => withSchema(await factory.connect()),
    connectToShadowDb: async () => {
      throw new Error("shadow databases are the schema engine's business (prisma-engine/schema-engine.mjs), not the runtime's");
    },
  };
}

/** The part of a Prisma client (or interactive-transaction client) {@link sqlExecutorFromPrisma} needs. */
export interface PrismaRawQueries {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/** Prisma returns numeric as its Decimal class; the port promises strings, as the other backends give. */
function normaliseValue(value: unknown): unknown {
  if (value !== null && typeof value === "object" && !(value instanceof Date) && !(value instanceof Uint8Array)) {
    const name = (value as { constructor?: { name?: string } }).constructor?.name;
    if (name === "Decimal" || name === "Decimal2") return String(value);
  }
  return value;
}

/**
 * A {@link SqlExecutor} over a Prisma client, typically the `tx` of `prisma.$transaction(async (tx) => …)`,
 * so platform tables (outbox, processed events) are written in the same transaction as the service's
 * domain change. Statements resolve unqualified names through the connection's `search_path`, which
 * `prismaAdapterFor` sets to the service's schema on both backends.
 */
export function sqlExecutorFromPrisma(client: PrismaRawQueries): SqlExecutor {
  return {
    async query<Row extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
      const rows = await client.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...params);
      return rows.map((row) => {
        const out: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(row)) out[key] = normaliseValue(value);
        return out as Row;
      });
    },
  };
}
