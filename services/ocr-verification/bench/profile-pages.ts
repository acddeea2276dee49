/**
 * Where one page's time goes, step by step, in this thread (no pool): decode, detection (scaling,
 * ONNX, the runtime's pre- and post-processing), cropping, recognition (ONNX and the rest), with the
 * recogniser's total input width. Each page is read `--repeat` times; the median is printed.
 *   npx tsx services/ocr-verification/bench/profile-pages.ts [--threads 1] [--repeat 3] [--det-side 1280] [--no-rewrite] FILE...
 * Without files: the shared sample photos.
 */
import { readFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { SharpPageDecoder } from "../src/adapters/image/sharp-page-decoder.js";
import { PaddleOnnxOcrEngine } from "../src/adapters/ocr/paddle-onnx-ocr-engine.js";
import { assembleReading } from "../src/adapters/ocr/line-reading.js";
import { characterErrorRate } from "../src/domain/text.js";
import { samplePages } from "../src/testing/samples.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { threads: { type: "string", default: "1" }, repeat: { type: "string", default: "3" }, "det-side": { type: "string", default: "1280" }, squeeze: { type: "string", default: "1" }, "no-rewrite": { type: "boolean", default: false } },
});

const samples = [...(await samplePages()).values()];
const truthOf = new Map(samples.flatMap((p) => Object.values(p.images).map((f) => [f, p.text] as const)));
const files = positionals.length > 0 ? positionals : samples.flatMap((p) => Object.entries(p.images).filter(([v]) => v.startsWith("photo") && !p.blank).map(([, f]) => f));
const engine = await PaddleOnnxOcrEngine.open({ threads: Number(values.threads), detectionSide: Number(values["det-side"]), lineWidthScale: Number(values.squeeze), rewriteGraphs: !values["no-rewrite"] });
const decoder = new SharpPageDecoder();

// Times every ONNX run by wrapping the sessions' run methods.
type Session = { run: (...args: unknown[]) => Promise<unknown> };
const timers = { det: 0, rec: 0 };
const internals = engine as unknown as { service: { detectionService: { session: Session } }; recogniser: Session };
const wrap = (session: Session, key: keyof typeof timers) => {
  const run = session.run.bind(session);
  session.run = async (...args: unknown[]) => {
    const t = performance.now();
    try {
      return await run(...args);
    } finally {
      timers[key] += performance.now() - t;
    }
  };
};
wrap(internals.service.detectionService.session, "det");
wrap(internals.recogniser, "rec");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const s = (ms: number) => (ms / 1000).toFixed(2);
console.log(`threads ${values.threads}, detector side ${values["det-side"]}, graphs ${values["no-rewrite"] ? "as shipped" : "rewritten for the CPU"}, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log("| page | size | lines | columns | decode | detect (ONNX) | recognise (ONNX) | total | CPU decode+detect | CPU recognise | CER |");
console.log("|---|---|---|---|---|---|---|---|---|---|---|");
for (const file of files) {
  const bytes = await readFile(file);
  let cer = NaN;
  const runs: { cpuRec: number; cpuPre: number; decode: number; detect: number; detOnnx: number; recognise: number; recOnnx: number; lines: number; columns: number; size: string }[] = [];
  for (let r = 0; r < Number(values.repeat); r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const page = await decoder.prepare(bytes);
    const t1 = performance.now();
    timers.det = 0;
    timers.rec = 0;
    const lines = await engine.detectLines(page);
    const t2 = performance.now();
    const detOnnx = timers.det;
    const c2 = process.cpuUsage();
    const texts = await engine.recogniseLines(lines);
    const t3 = performance.now();
    const c3 = process.cpuUsage(c2);
    const cpuDetect = process.cpuUsage(c0);
    const truth = truthOf.get(file);
    if (truth) cer = characterErrorRate(assembleReading("", lines, texts).text, truth);
    runs.push({ decode: t1 - t0, detect: t2 - t1, detOnnx, recognise: t3 - t2, recOnnx: timers.rec, cpuRec: (c3.user + c3.system) / 1000, cpuPre: (cpuDetect.user + cpuDetect.system - c3.user - c3.system) / 1000, lines: lines.length, columns: lines.reduce((n, l) => n + l.width, 0), size: `${page.width}×${page.height}` });
  }
  const m = (k: "decode" | "detect" | "detOnnx" | "recognise" | "recOnnx" | "cpuRec" | "cpuPre") => median(runs.map((r) => r[k]));
  const first = runs[0];
  if (!first) continue;
  console.log(`| ${basename(file)} | ${first.size} | ${first.lines} | ${first.columns} | ${s(m("decode"))} | ${s(m("detect"))} (${s(m("detOnnx"))}) | ${s(m("recognise"))} (${s(m("recOnnx"))}) | ${s(m("decode") + m("detect") + m("recognise"))} | ${s(m("cpuPre"))} | ${s(m("cpuRec"))} | ${Number.isNaN(cer) ? "–" : (cer * 100).toFixed(1) + "%"} |`);
}
await engine.close();
