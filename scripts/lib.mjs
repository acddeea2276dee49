// Shared helpers for the top-level scripts (start, test, build). Plain Node, no dependencies, because
// they run before `npm ci` has installed anything.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

export function log(message) {
  process.stderr.write(`[yunxi] ${message}\n`);
}

/** Runs a command to completion with inherited output; throws with its exit code on failure. */
export function sh(command, args, options = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const error = new Error(`${command} ${args.join(" ")} failed with exit code ${result.status}`);
    error.exitCode = result.status ?? 1;
    throw error;
  }
  return Date.now() - started;
}

/** Installs dependencies when node_modules is missing or older than the lockfile (fresh clone, pulled changes). */
export function ensureDependencies() {
  const marker = join(ROOT, "node_modules/.package-lock.json");
  const lock = join(ROOT, "package-lock.json");
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  log("installing dependencies (npm ci)…");
  const ms = sh("npm", ["ci", "--no-audit", "--no-fund"]);
  log(`dependencies installed in ${(ms / 1000).toFixed(1)} s`);
}

/** Generates Prisma clients and compiles every workspace (tsc -b is incremental: fast when warm). */
export function build() {
  const started = Date.now();
  const prismaGenerate = join(ROOT, "packages/platform/scripts/prisma-generate.mjs");
  if (existsSync(prismaGenerate)) sh(process.execPath, [prismaGenerate]);
  sh(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-b"]);
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Starts a long-running child with inherited output and forwards SIGINT/SIGTERM to it. */
export function runForwardingSignals(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: "inherit", ...options });
    const forward = (signal) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 128 + 15 : 1));
    });
  });
}
