// Helpers shared by the end-to-end tests: free ports, the built all-in-one process, bounded waits.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const MAIN = join(ROOT, "services/all-in-one/dist/main.js");

/** A TCP port nobody listens on right now (127.0.0.1). */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts main.js; `ready` resolves once it printed the console URL (or rejects with its output if it exits).
 * A process without the gateway prints no console URL: pass `readyWhen: /Yunxi is ready/` (resolves to true).
 */
export function startPlatform(env, { waitForReady = true, boundMs = 90_000, readyWhen = /Console: (http:\/\/\S+)/ } = {}) {
  const child = spawn(process.execPath, ["--import", "@yunxi/platform/telemetry", MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, OTEL_METRICS_EXPORTER: "none", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready within ${boundMs} ms\nstdout:${stdout}\nstderr:${stderr}`)), boundMs);
    child.stdout.on("data", () => {
      const match = readyWhen.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] ?? true);
      }
    });
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`exited with ${code} before ready\nstderr:${stderr}`), { code, stderr }));
    });
  });
  if (!waitForReady) ready.catch(() => undefined);
  return { child, ready, exited, output: () => ({ stdout, stderr }) };
}

/** Sends SIGTERM and waits for the exit, at most `ms`. */
export async function stopWithin(platform, ms) {
  const started = Date.now();
  platform.child.kill("SIGTERM");
  let timer;
  const bound = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not exit within ${ms} ms of SIGTERM`)), ms);
  });
  try {
    const result = await Promise.race([platform.exited, bound]);
    return { ...result, ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `probe` until it returns something other than undefined; throws naming `what` after `ms`. */
export async function eventually(what, probe, { ms = 30_000, everyMs = 200 } = {}) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? `: ${last.message}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
