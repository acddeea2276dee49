import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadSync, type Options, type PackageDefinition } from "@grpc/proto-loader";

/** Folder holding every .proto file of the project (this package's root). */
export const PROTO_ROOT: string = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The ONE set of proto-loader options. `proto-loader-gen-types` (npm run gen) reads the same JSON file,
 * so the generated TypeScript types always describe what the runtime loader produces.
 */
export const PROTO_LOADER_OPTIONS: Readonly<Options> = Object.freeze({
  ...(JSON.parse(readFileSync(join(PROTO_ROOT, "loader-options.json"), "utf8")) as Options),
  includeDirs: [PROTO_ROOT],
});

/** Loads proto files given relative to the proto root, e.g. `yunxi/audit/v1/audit.proto`. */
export function loadProtoDefinition(...files: string[]): PackageDefinition {
  return loadSync(files, { ...PROTO_LOADER_OPTIONS });
}
