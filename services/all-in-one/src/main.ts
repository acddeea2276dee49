#!/usr/bin/env node
// The only main. Runs the modules named by TARGETS (default: all) in this process.
import { ConfigError, migrateModule, openDefaultInfrastructure, run } from "@yunxi/platform";
import { allModules } from "./modules.js";

async function main(): Promise<void> {
  let platform;
  try {
    platform = await run(allModules, { openInfrastructure: openDefaultInfrastructure, migrate: migrateModule });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`yunxi: ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`yunxi: startup failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  if (platform.grpcAddress === "") return; // the migrate target has finished its work

  const console = platform.endpoints["console"];
  process.stdout.write(
    `\nYunxi is ready (${platform.targets.length} modules, gRPC ${platform.grpcAddress}).\n` +
      (console ? `Console: ${console}\n\n` : "\n"),
  );

  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) process.exit(1); // a second Ctrl-C means "now"
    platform.stop(signal).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}

await main();
