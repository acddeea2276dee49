#!/usr/bin/env node
// npm start: installs dependencies if missing, builds, and boots every module in one process on the
// embedded defaults (data under ./data). Any YUNXI_* variable set in the environment still applies.
import { join } from "node:path";
import { build, ensureDependencies, log, ROOT, runForwardingSignals } from "./lib.mjs";

try {
  ensureDependencies();
  build();
} catch (error) {
  log(error.message);
  process.exit(error.exitCode ?? 1);
}
log("starting all-in-one (TARGETS=" + (process.env.TARGETS ?? "all") + ")…");
const code = await runForwardingSignals(
  process.execPath,
  ["--enable-source-maps", "--import", "@yunxi/platform/telemetry", join(ROOT, "services/all-in-one/dist/main.js")],
  { env: { YUNXI_DATA_DIR: join(ROOT, "data"), ...process.env } },
);
process.exit(code);
