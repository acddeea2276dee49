#!/usr/bin/env node
// Lists and replays dead letters: `npm run dead-letters -- list|replay --group <groupId> [--limit N]`.
// Reads the same YUNXI_* settings as the platform (Kafka brokers and namespace, or the embedded bus's
// database); see docs/operations.md "Dead letters". Needs the built platform (npm run build).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib.mjs";

const cli = join(ROOT, "packages/platform/dist/events/dead-letters-cli.js");
if (!existsSync(cli)) {
  console.error("packages/platform is not built. Run: npm run build");
  process.exit(1);
}
const { deadLettersMain } = await import(cli);
process.exitCode = await deadLettersMain(
  process.argv.slice(2),
  process.env,
  (line) => console.log(line),
  (line) => console.error(line),
);
