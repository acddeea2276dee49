import { internal, PgliteSqlDatabase, PgSqlDatabase, prismaAdapterFor, type SqlDatabase } from "@yunxi/platform";
import { PrismaClient } from "../../generated/prisma/client.js";

/** The generated client over the platform's handle of the approval schema (PostgreSQL or PGlite). */
export function approvalPrismaClient(db: SqlDatabase): PrismaClient {
  if (!(db instanceof PgSqlDatabase) && !(db instanceof PgliteSqlDatabase)) throw internal("the approval service needs a PostgreSQL or PGlite database handle");
  return new PrismaClient({ adapter: prismaAdapterFor(db) });
}
