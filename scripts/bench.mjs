#!/usr/bin/env node
// npm run bench: prints figures; asserts nothing. Speed and memory goals live here, not in tests.
//   platform: all-in-one time to /readyz 200 (fresh and reused data dir), SIGTERM-to-exit, RSS when ready
//   key-management: ETSI 014 requests/s, data keys/s, AES-256-GCM and SM4 throughput beside openssl speed
//   ocr-verification: CER, seconds per page, peak memory, verdict separation (same / changed / blank)
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
