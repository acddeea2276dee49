import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadSync, type Options, type PackageDefinition } from "@grpc/proto-loader";
import protobuf from "protobufjs";

/** Folder holding every .proto file of the project (this package's root). */
export const PROTO_ROOT: string = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The ONE set of proto-loader options. `proto-loader-gen-types` (npm run gen) reads the same JSON file,
 * so the generated TypeScript types always describe what the runtime loader produces.
 */
export const PROTO_LOADER_OPTIONS: Readonly<Options> = Object.freeze(fromJson(join(PROTO_ROOT, "loader-options.json")));

/** JSON names the conversion types ("String"); proto-loader wants the constructors themselves. */
function fromJson(file: string): Options {
  const raw = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  const constructors: Record<string, unknown> = { String, Number };
  const convert = (value: unknown) => (typeof value === "string" && value in constructors ? constructors[value] : value);
  return { ...raw, longs: convert(raw["longs"]), enums: convert(raw["enums"]), includeDirs: [PROTO_ROOT] } as Options;
}

/** Loads proto files given relative to the proto root, e.g. `yunxi/audit/v1/audit.proto`. */
export function loadProtoDefinition(...files: string[]): PackageDefinition {
  return loadSync(files, { ...PROTO_LOADER_OPTIONS });
}
const messageRoots = new Map<string, protobuf.Root>();

/**
 * A message type of a proto file, e.g. `protoMessageType("yunxi/media/v1/events.proto",
 * "yunxi.media.v1.MediaStored")`: for encoding and decoding event payloads. Each file is parsed once per
 * process. A service reads another service's events through this, never through that service's code.
 */
export function protoMessageType(file: string, typeName: string): protobuf.Type {
  let root = messageRoots.get(file);
  if (!root) {
    root = protobuf.loadSync(join(PROTO_ROOT, file));
    messageRoots.set(file, root);
  }
  return root.lookupType(typeName);
}
export { deviceProtocolTypes, type DeviceProtocolTypes } from "./device-protocol.js";
