/**
 * Page latency as the service sees it: the default pool (⌊cores / THREADS⌋ workers, THREADS = 1, pages
 * split between the workers, photos decoded in the pool), one photo at a time, decode + OCR, several
 * rounds. Prints every latency, the median and the load average before and after (the VM is shared:
 * latency only means something when the load is low).
 *   npx tsx services/ocr-verification/bench/latency.ts [--rounds 3] [--threads 1] [--no-rewrite] [FILE...]
 * Without files: the shared sample photos (the densest pages we have, 700–850 characters).
 */
import { readFile } from "node:fs/promises";
import { availableParallelism, loadavg } from "node:os";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { WorkerThreadOcrEngine } from "../src/adapters/ocr/worker-thread-ocr-engine.js";
import { samplePages } from "../src/testing/samples.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: "string", default: "3" }, threads: { type: "string", default: "1" }, "no-rewrite": { type: "boolean", default: false } },
});
const files =
  positionals.length > 0
    ? positionals
    : [...(await samplePages()).values()].filter((page) => !page.blank).flatMap((page) => Object.entries(page.images).filter(([variant]) => variant.startsWith("photo")).map(([, file]) => file));
const threads = Number(values.threads);
const workers = Math.max(1, Math.floor(availableParallelism() / threads));
const pool = await WorkerThreadOcrEngine.open({ engine: { kind: "paddle", options: { threads, rewriteGraphs: !values["no-rewrite"] } }, workers });
const images = await Promise.all(files.map((file) => readFile(file)));
await pool.read(await pool.prepare(images[0] as Buffer)); // warm-up, not counted
const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
console.log(`${workers} worker(s) × ${threads} ONNX thread(s), graphs ${values["no-rewrite"] ? "as shipped" : "rewritten for the CPU"}; load average before ${load()}`);
const latencies: number[] = [];
for (let round = 1; round <= Number(values.rounds); round++) {
  const line: string[] = [];
  for (const [i, image] of images.entries()) {
    const started = performance.now();
    await pool.read(await pool.prepare(image));
    const seconds = (performance.now() - started) / 1000;
    latencies.push(seconds);
    line.push(`${basename(files[i] as string)} ${seconds.toFixed(2)}`);
  }
  console.log(`round ${round}: ${line.join(", ")}`);
}
const sorted = [...latencies].sort((a, b) => a - b);
const median = sorted.length % 2 === 1 ? (sorted[(sorted.length - 1) / 2] as number) : ((sorted[sorted.length / 2 - 1] as number) + (sorted[sorted.length / 2] as number)) / 2;
console.log(`median ${median.toFixed(2)} s/page over ${latencies.length} reads (min ${sorted[0]?.toFixed(2)}, max ${sorted.at(-1)?.toFixed(2)}); load average after ${load()}`);
await pool.close();
