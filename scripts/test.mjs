#!/usr/bin/env node
// npm test: installs dependencies, builds, checks generated code and lint, installs and starts the real
// test servers (PostgreSQL, Redis, Mosquitto, Kafka, S3, Keycloak), runs every test file, stops what it
// started, and ends with one line `N passed, N failed`.
//
//   npm test                      everything
//   npm test -- --unit            only *.test.js (no servers needed)
//   npm test -- kafka blob        only test files whose path contains one of the words
//   YUNXI_TEST_SERVERS=external   use servers already running (addresses from YUNXI_TEST_* variables)
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { build, ensureDependencies, log, ROOT, sh } from "./lib.mjs";

const args = process.argv.slice(2);
const unitOnly = args.includes("--unit");
const filters = args.filter((a) => !a.startsWith("--"));
const externalServers = process.env.YUNXI_TEST_SERVERS === "external";
const started = Date.now();
const checks = { passed: 0, failed: 0 };

function check(name, fn) {
  try {
    fn();
    checks.passed += 1;
    log(`check passed: ${name}`);
  } catch (error) {
    checks.failed += 1;
    log(`check FAILED: ${name}: ${error.message}`);
  }
}

function findTests() {
  const roots = ["proto", "packages", "services", "gateway", "tools"].map((d) => join(ROOT, d));
  const files = [];
  const walk = (dir, inDist) => {
    for (const name of readdirSync(dir)) {
      if (name === "node_modules" || name === "generated") continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path, inDist || name === "dist");
      else if (inDist && (name.endsWith(".test.js") || (!unitOnly && name.endsWith(".integration-test.js")))) files.push(path);
    }
  };
  for (const root of roots) if (existsSync(root)) walk(root, false);
  for (const dir of ["deploy/tests", "test/e2e"].map((d) => join(ROOT, d))) {
    if (!existsSync(dir) || unitOnly) continue;
    for (const name of readdirSync(dir)) if (name.endsWith(".test.mjs")) files.push(join(dir, name));
  }
  return files
    .map((f) => relative(ROOT, f))
    .filter((f) => filters.length === 0 || filters.some((word) => f.includes(word)))
    .sort();
}

function runTests(files, tapFile) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        "--enable-source-maps",
        "--test",
        "--test-concurrency=3",
        "--test-timeout=180000",
        "--test-reporter=spec",
        "--test-reporter-destination=stdout",
        "--test-reporter=tap",
        `--test-reporter-destination=${tapFile}`,
        ...files,
      ],
      { cwd: ROOT, stdio: "inherit", env: { ...process.env, OTEL_SDK_DISABLED: "true", NODE_ENV: "test" } },
    );
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

/** Runs a command in the background with its output to a file; resolves with its exit code and duration. */
function runLogged(command, commandArgs, logFile) {
  const started = Date.now();
  const out = openSync(logFile, "w");
  const child = spawn(command, commandArgs, { cwd: ROOT, stdio: ["ignore", out, out] });
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code: code ?? 1, ms: Date.now() - started })));
}

function tapCounts(tapFile) {
  const text = existsSync(tapFile) ? readFileSync(tapFile, "utf8") : "";
  const count = (label) => Number(new RegExp(`^# ${label} (\\d+)$`, "m").exec(text)?.[1] ?? 0);
  return { pass: count("pass"), fail: count("fail") + count("cancelled"), skipped: count("skipped") + count("todo") };
}

let serversStarted = false;
const stopServers = () => {
  if (!serversStarted) return;
  serversStarted = false;
  try {
    sh("bash", ["scripts/servers/servers.sh", "stop"]);
  } catch (error) {
    log(`stopping test servers failed: ${error.message}`);
  }
};
process.on("SIGINT", () => {
  stopServers();
  process.exit(130);
});

let exitCode = 0;
let summary = { pass: 0, fail: 0, skipped: 0 };
try {
  ensureDependencies();
  try {
    build();
    checks.passed += 1;
  } catch (error) {
    checks.failed += 1;
    throw error;
  }
  check("generated proto types are up to date", () => sh(process.execPath, ["proto/scripts/gen.mjs", "--check"]));
  check("docs/api/openapi.json matches the gateway's routes", () => sh(process.execPath, ["scripts/openapi.mjs", "--check"]));
  check("lint (eslint: boundaries, domain purity)", () => sh(process.execPath, ["node_modules/eslint/bin/eslint.js", "--max-warnings=0", "."]));

  const files = findTests();
  if (files.length === 0) throw new Error(`no test files matched ${filters.join(", ") || "(all)"}`);

  if (!unitOnly && !externalServers) {
    // Deploy tools (Go builds) and test servers (apt, Maven, PyPI) install in parallel: on a fresh
    // machine each takes minutes, and they share no cache or lock.
    const toolsLog = join(mkdtempSync(join(tmpdir(), "yunxi-tools-")), "deploy-tools.log");
    const tools = existsSync(join(ROOT, "scripts/deploy-tools.sh")) ? runLogged("bash", ["scripts/deploy-tools.sh"], toolsLog) : Promise.resolve({ code: 0, ms: 0 });
    const installMs = sh("bash", ["scripts/servers/servers.sh", "install"]);
    log(`test servers installed/verified in ${(installMs / 1000).toFixed(1)} s`);
    const toolsResult = await tools;
    if (toolsResult.code !== 0) {
      process.stderr.write(readFileSync(toolsLog, "utf8"));
      throw new Error(`scripts/deploy-tools.sh failed with exit code ${toolsResult.code}`);
    }
    log(`deploy tools installed/verified in ${(toolsResult.ms / 1000).toFixed(1)} s`);
    serversStarted = true;
    const startMs = sh("bash", ["scripts/servers/servers.sh", "start"]);
    log(`test servers started in ${(startMs / 1000).toFixed(1)} s`);
  }

  log(`running ${files.length} test files`);
  const tapDir = mkdtempSync(join(tmpdir(), "yunxi-test-"));
  const tapFile = join(tapDir, "report.tap");
  exitCode = await runTests(files, tapFile);
  summary = tapCounts(tapFile);
  rmSync(tapDir, { recursive: true, force: true });
  if (exitCode !== 0 && summary.fail === 0) summary.fail = 1; // the runner itself failed
} catch (error) {
  log(error.message);
  exitCode = error.exitCode ?? 1;
} finally {
  stopServers();
}

const passed = summary.pass + checks.passed;
const failed = summary.fail + checks.failed;
log(`finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.stdout.write(`${passed} passed, ${failed} failed${summary.skipped ? `, ${summary.skipped} skipped` : ""}\n`);
process.exit(failed > 0 || exitCode !== 0 ? 1 : 0);
