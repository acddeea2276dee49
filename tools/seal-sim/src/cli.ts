#!/usr/bin/env node
// The whole demo against a running platform (creates an organisation, N seals and devices, one approved
// application each, M impressions with photos; prints one JSON line last):
//   npm run sim -- --url http://127.0.0.1:8080 --devices N --impressions M [--wait-seconds 120] [--ocr-wait-seconds 120] [--press-spread-seconds 0] [--max-resend-seconds 60]
// Exits 1 (after the report) when any device failed a phase; OCR verdicts still pending are not a failure.
// One simulated seal on the command line (with --platform-url, each press uploads a page photo):
//   npm run sim -w @yunxi/seal-sim -- --broker mqtt://127.0.0.1:1883 --device ID --secret S --platform-key key.pem [--platform-url http://127.0.0.1:8080]
// Then type: press | offline | online | status | quit  (or pass --presses N to press N times once authorised).
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { runAgainstPlatform } from "./platform-run.js";
import { SealSimulator } from "./seal-simulator.js";

const { values } = parseArgs({
  options: {
    broker: { type: "string" },
    device: { type: "string" },
    secret: { type: "string" },
    "platform-key": { type: "string" },
    state: { type: "string" },
    mqtt5: { type: "boolean", default: false },
    presses: { type: "string" },
    "platform-url": { type: "string" },
    url: { type: "string" },
    devices: { type: "string" },
    impressions: { type: "string" },
    "wait-seconds": { type: "string" },
    "ocr-wait-seconds": { type: "string" },
    "press-spread-seconds": { type: "string" },
    "max-resend-seconds": { type: "string" },
  },
});

/** A whole number from `--name`, within bounds, or exit 2 naming the problem. */
function count(name: "devices" | "impressions" | "wait-seconds" | "ocr-wait-seconds" | "press-spread-seconds" | "max-resend-seconds", fallback: number, max: number, min = 1): number {
  const raw = values[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    process.stderr.write(`seal-sim: --${name} must be a whole number from ${min} to ${max}\n`);
    process.exit(2);
  }
  return value;
}

if (values.url) {
  const report = await runAgainstPlatform({
    url: values.url,
    devices: count("devices", 1, 100_000),
    impressions: count("impressions", 1, 1000),
    waitMs: count("wait-seconds", 120, 86_400) * 1000,
    ocrWaitMs: count("ocr-wait-seconds", 120, 86_400, 0) * 1000,
    pressSpreadMs: count("press-spread-seconds", 0, 3600, 0) * 1000,
    maxResendMs: count("max-resend-seconds", 60, 3600) * 1000,
    ...(values.broker ? { brokerUrl: values.broker } : {}),
    log: (line) => process.stderr.write(`${JSON.stringify(line)}\n`),
  }).catch((error: unknown) => {
    process.stderr.write(`seal-sim: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
  if (report.ocrPending > 0) process.stderr.write(`seal-sim: ${report.ocrPending} of ${report.ocrVerdicts + report.ocrPending} photos still had no OCR verdict when the wait ended\n`);
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exit(Object.keys(report.errors).length > 0 ? 1 : 0);
}

function required(name: keyof typeof values): string {
  const value = values[name];
  if (typeof value !== "string" || value === "") {
    process.stderr.write(`seal-sim: --${name} is required\n`);
    process.exit(2);
  }
  return value;
}

const deviceId = required("device");
const simulator = await SealSimulator.start({
  brokerUrl: required("broker"),
  deviceId,
  // The secret is read from the argument or, when it is "-", from SEAL_SIM_SECRET so it stays out of `ps`.
  secret: required("secret") === "-" ? (process.env["SEAL_SIM_SECRET"] ?? "") : required("secret"),
  platformKey: readFileSync(required("platform-key"), "utf8"),
  stateFile: values.state ?? `./seal-sim-${deviceId}.json`,
  protocolVersion: values.mqtt5 ? 5 : 4,
  // With the platform's URL every press photographs the bundled contract page and uploads the photo there.
  ...(values["platform-url"] ? { platformUrl: values["platform-url"] } : {}),
});
const photo = values["platform-url"] ? { data: readFileSync(new URL("../assets/page-photo.jpg", import.meta.url)), contentType: "image/jpeg" as const } : undefined;
const press = () => simulator.press(photo ? { photo } : {});
const status = () => {
  const s = simulator.state;
  return { device: deviceId, connected: simulator.connected, locked: s.locked, remaining: s.authorisation?.remaining ?? 0, nextSequence: s.nextSequence, queued: s.queue.length };
};
process.stdout.write(`${JSON.stringify({ event: "connected", ...status() })}\n`);

if (values.presses) {
  const presses = Number(values.presses);
  await simulator.waitFor((s) => !s.state.locked && (s.state.authorisation?.remaining ?? 0) > 0, 10 * 60_000, "an authorisation");
  for (let i = 0; i < presses; i++) process.stdout.write(`${JSON.stringify({ event: "press", ...press() })}\n`);
  await simulator.waitFor((s) => s.state.queue.length === 0 && s.state.photos.length === 0, 60_000, "acknowledgements and photo uploads");
  process.stdout.write(`${JSON.stringify({ event: "done", ...status() })}\n`);
  await simulator.stop();
} else {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    const command = line.trim();
    if (command === "press") process.stdout.write(`${JSON.stringify(press())}\n`);
    else if (command === "offline") await simulator.offline();
    else if (command === "online") await simulator.online();
    else if (command === "status") process.stdout.write(`${JSON.stringify(status())}\n`);
    else if (command === "quit") break;
    else if (command) process.stdout.write("commands: press | offline | online | status | quit\n");
  }
  await simulator.stop();
}
