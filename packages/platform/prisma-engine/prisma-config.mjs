// The one prisma.config.ts recipe every service (and the platform's test fixture) uses, so that
// `npx prisma generate|migrate …` works from the service folder without Prisma's binary download.
// Plain JavaScript: Prisma loads prisma.config.ts before anything is compiled.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of the stand-in schema engine script (see docs/database.md). */
export const schemaEngineBinary = join(dirname(fileURLToPath(import.meta.url)), "schema-engine.mjs");

/**
 * Points the Prisma CLI at the stand-in schema engine and turns off its update check (both are
 * network calls that fail in air-gapped networks). Explicit settings in the environment win.
 */
export function useStandInSchemaEngine() {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= schemaEngineBinary;
  process.env.CHECKPOINT_DISABLE ??= "1";
}

/**
 * Adds `schema=<schema>` to a database URL unless it names one already.
 * @param {string} url
 * @param {string} schema
 */
export function withSchema(url, schema) {
  if (/[?&]schema=/.test(url)) return url;
  return `${url}${url.includes("?") ? "&" : "?"}schema=${encodeURIComponent(schema)}`;
}

/**
 * The config object for a service's prisma.config.ts.
 *
 * `DATABASE_URL` (a postgres:// URL) selects the database for `migrate dev|deploy|status`; without it the
 * CLI works on a throw-away in-memory PGlite, which is all `migrate dev --name …` needs to write a new
 * migration. `SHADOW_DATABASE_URL` overrides the shadow database (default: a temporary database next
 * to DATABASE_URL, or in-memory PGlite).
 *
 * @param {string} configUrl `import.meta.url` of the prisma.config.ts (the service folder)
 * @param {{ schema: string }} options the PostgreSQL schema the service owns
 */
export function servicePrismaConfig(configUrl, options) {
  useStandInSchemaEngine();
  const dir = dirname(fileURLToPath(configUrl));
  const url = withSchema(process.env.DATABASE_URL ?? "pglite:memory", options.schema);
  const shadow = process.env.SHADOW_DATABASE_URL ?? (url.startsWith("pglite:") ? withSchema("pglite:memory", options.schema) : undefined);
  return {
    schema: join(dir, "prisma", "schema.prisma"),
    migrations: { path: join(dir, "prisma", "migrations") },
    datasource: shadow === undefined ? { url } : { url, shadowDatabaseUrl: shadow },
  };
}
