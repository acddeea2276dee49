/**
 * The narrow SQL port the platform's own persistence (outbox, processed events, migrations) needs.
 * Services use their Prisma client for domain data; both run on the same connection/transaction
 * through `sqlExecutorFromPrisma`, so a state change and its outbox row commit together.
 *
 * Row values are the same on every backend: int8 as `bigint`, timestamptz as `Date`, json/jsonb parsed,
 * numeric as a string, bytea as a `Uint8Array`.
 */
export interface SqlExecutor {
  /** Runs one statement with positional parameters ($1, $2 …) and returns its rows. */
  query<Row extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<Row[]>;
}

/** The executor a {@link SqlDatabase.transaction} hands out: a statement executor that can also run scripts. */
export interface SqlTransaction extends SqlExecutor {
  /** Runs a script of several statements without parameters (a migration file) inside the transaction. */
  exec(script: string): Promise<void>;
}

export interface SqlDatabase extends SqlExecutor {
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
