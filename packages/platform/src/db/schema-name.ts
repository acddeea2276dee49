import { invalidArgument } from "../errors/errors.js";

// Lower-case identifiers only: they never need quoting rules beyond "…", they read the same in psql,
// and they cannot smuggle SQL into the places (search_path, CREATE SCHEMA) that take no parameters.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Checks a PostgreSQL schema name a service owns and returns it double-quoted for SQL text.
 * Throws InvalidArgument for anything but a plain lower-case identifier.
 */
export function quotedSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw invalidArgument(`database schema name "${schema}" must match ${SCHEMA_NAME.source}`, {
      violations: [{ field: "schema", message: "lower-case letters, digits and _; at most 63 characters" }],
    });
  }
  return `"${schema}"`;
}
