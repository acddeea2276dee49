#!/usr/bin/env node
// npm run bench: prints figures; asserts nothing. Speed and memory goals live here, not in tests.
//   platform: all-in-one time to /readyz 200 (fresh and reused data dir), SIGTERM-to-exit, RSS when ready
//   key-management: ETSI 014 requests/s, data keys/s, AES-256-GCM and SM4 throughput beside openssl speed
//   ocr-verification: CER, seconds per page, peak memory, verdict separation (same / changed / blank)
//   seal-sim: SIM_BENCH_DEVICES (200) simulated seals × 2 impressions against a fresh embedded platform
//     (without ocr-verification, whose own figures are above): seconds per phase, impressions/s, ack latency, RSS
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, ensureDependencies, log, ROOT, sh } from "./lib.mjs";

ensureDependencies();
build();

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function bootOnce(dataDir) {
  const httpPort = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "@yunxi/platform/telemetry", join(ROOT, "services/all-in-one/dist/main.js")], {
    cwd: ROOT,
    env: { ...process.env, YUNXI_DATA_DIR: dataDir, YUNXI_HTTP_PORT: String(httpPort), YUNXI_GRPC_PORT: String(await freePort()), YUNXI_MQTT_PORT: String(await freePort()), OTEL_METRICS_EXPORTER: "none", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  let readyMs;
  for (let i = 0; i < 1200 && readyMs === undefined; i++) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      const response = await fetch(`http://127.0.0.1:${httpPort}/readyz`);
      if (response.status === 200) readyMs = performance.now() - started;
    } catch {
      // not listening yet
    }
  }
  const rssMb = readyMs === undefined ? undefined : rssOf(child.pid);
  const stopStarted = performance.now();
  child.kill("SIGTERM");
  await exited;
  return { readyMs, stopMs: performance.now() - stopStarted, rssMb };
}

function rssOf(pid) {
  const result = spawnSync("ps", ["-o", "rss=", "-p", String(pid)], { encoding: "utf8" });
  const kib = Number(result.stdout.trim());
  return Number.isFinite(kib) && kib > 0 ? Math.round(kib / 1024) : undefined;
}

const dataDir = mkdtempSync(join(tmpdir(), "yunxi-bench-"));
const rows = [];
for (const label of ["fresh data dir", "reused data dir", "reused data dir"]) {
  const result = await bootOnce(dataDir);
  rows.push({ run: label, "RSS when ready (MiB)": result.rssMb ?? "-", "ready (s)": result.readyMs === undefined ? "never" : (result.readyMs / 1000).toFixed(1), "SIGTERM→exit (s)": (result.stopMs / 1000).toFixed(2) });
}
rmSync(dataDir, { recursive: true, force: true });
console.log("\nall-in-one on embedded defaults (9 modules, 2 cores):");
console.table(rows);

log("key-management benchmark…");
sh(process.execPath, ["--import", "tsx", "services/key-management/bench/key-management.bench.ts"]);

log("ocr-verification benchmark…");
sh("npm", ["run", "bench", "-w", "@yunxi/ocr-verification"]);

log("seal-sim benchmark…");
await simulatorBench(Number(process.env.SIM_BENCH_DEVICES ?? 200), 2);

/**
 * The whole stamping demo through the public API with many devices in one simulator process. OCR is left
 * out of the platform (TARGETS) so its second per photo does not drown the device path's figures.
 * Bounded: the simulator waits at most 300 s per phase and is killed after 20 minutes.
 */
async function simulatorBench(devices, impressions) {
  const dataDir = mkdtempSync(join(tmpdir(), "yunxi-bench-sim-"));
  const httpPort = await freePort();
  const platform = spawn(process.execPath, ["--import", "@yunxi/platform/telemetry", join(ROOT, "services/all-in-one/dist/main.js")], {
    cwd: ROOT,
    env: {
      ...process.env,
      TARGETS: "key-management,identity,organisation,audit,approval,device-control,media,gateway",
      YUNXI_DATA_DIR: dataDir,
      YUNXI_HTTP_PORT: String(httpPort),
      YUNXI_GRPC_PORT: String(await freePort()),
      YUNXI_MQTT_PORT: String(await freePort()),
      OTEL_METRICS_EXPORTER: "none",
      LOG_LEVEL: "fatal",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const platformExited = new Promise((resolve) => platform.on("exit", resolve));
  let report;
  let platformPeakMb = 0;
  try {
    let ready = false;
    for (let i = 0; i < 1200 && !ready; i++) {
      await new Promise((r) => setTimeout(r, 100));
      ready = await fetch(`http://127.0.0.1:${httpPort}/readyz`).then((r) => r.status === 200, () => false);
    }
    if (!ready) throw new Error("the platform was not ready within 120 s");
    const sampler = setInterval(() => (platformPeakMb = Math.max(platformPeakMb, rssOf(platform.pid) ?? 0)), 1000);
    const sim = spawn(process.execPath, [join(ROOT, "tools/seal-sim/dist/cli.js"), "--url", `http://127.0.0.1:${httpPort}`, "--devices", String(devices), "--impressions", String(impressions), "--wait-seconds", "300", "--ocr-wait-seconds", "0"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const killer = setTimeout(() => sim.kill("SIGKILL"), 20 * 60_000);
    let stdout = "";
    sim.stdout.on("data", (chunk) => (stdout += chunk));
    sim.stderr.on("data", (chunk) => {
      for (const line of String(chunk).split("\n")) if (/"event":"(devices|connected|approved|acknowledged|uploaded|error)"/.test(line)) process.stderr.write(`  seal-sim ${line}\n`);
    });
    const code = await new Promise((resolve) => sim.on("exit", resolve));
    clearTimeout(killer);
    clearInterval(sampler);
    const last = stdout.trim().split("\n").pop();
    if (!last?.startsWith("{")) throw new Error(`the simulator exited with ${code} without a report`);
    report = JSON.parse(last);
  } finally {
    platform.kill("SIGTERM");
    const timer = setTimeout(() => platform.kill("SIGKILL"), 30_000);
    await platformExited;
    clearTimeout(timer);
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\nseal-sim: ${devices} devices × ${impressions} impressions against a fresh embedded platform (without OCR), 2 cores:`);
  console.table({
    devices: report.devices,
    "impressions recorded": report.impressionsRecorded,
    duplicates: report.duplicates,
    "errors (devices, by phase)": Object.keys(report.errors).length === 0 ? "none" : JSON.stringify(report.errors),
    ...Object.fromEntries(Object.entries(report.phases).map(([phase, seconds]) => [`${phase} (s)`, seconds])),
    "impressions/s (pressing)": report.impressionsPerSecond,
    "ack latency p50 / p95 (ms)": `${report.ackLatencyMs.p50} / ${report.ackLatencyMs.p95}`,
    "simulator peak RSS (MiB)": report.simPeakRssMb,
    "platform peak RSS (MiB)": platformPeakMb,
  });
}
