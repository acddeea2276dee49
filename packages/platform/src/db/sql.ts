/**
 * The narrow SQL port the platform's own persistence (outbox, processed events, migrations) needs.
 * Services use their Prisma client for domain data; both run on the same connection/transaction
 * through `sqlExecutorFromPrisma`, so a state change and its outbox row commit together.
 */
export interface SqlExecutor {
  /** Runs one statement with positional parameters ($1, $2 …) and returns its rows. */
  query<Row extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<Row[]>;
}

export interface SqlDatabase extends SqlExecutor {
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
