/**
 * OCR benchmark: character error rate on clean, stamped and photographed pages, seconds per page,
 * peak memory, and how well verdicts separate same / changed clause / changed digit / other page /
 * blank, on a generated fixture set plus the shared sample pages as one row.
 *   npm run bench -w @yunxi/ocr-verification [-- --docs 9 --engine paddle|tesseract|both --threads 2 --workers 1 --det-side 1280 --squeeze 0.8 --reread --no-rewrite]
 * Paddle runs as the service runs it: in the worker-thread pool (`--workers`, each page on `--threads`
 * ONNX threads); seconds per page are decode + OCR, one page at a time, so they are latencies.
 * One engine at a time, niced; the default set (9 documents × 5 variants + 3 blanks + samples) takes
 * a few minutes on 2 cores. Needs fonts-arphic-uming, fonts-arphic-ukai and fonts-wqy-zenhei.
 */
import { readFile, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { SharpPageDecoder } from "../src/adapters/image/sharp-page-decoder.js";
import type { OcrEngine, PageImageDecoder, PreparedPage } from "../src/app/ports.js";
import { comparePhoto, originalFromText } from "../src/domain/comparison.js";
import { characterErrorRate } from "../src/domain/text.js";
import { DEFAULT_PROFILE } from "../src/domain/threshold-profiles.js";
import type { ComparisonVerdict } from "../src/domain/verdict.js";
import { samplePages } from "../src/testing/samples.js";
import { blankPage, CAMERA, CAMERA_RENDER_SCALE, makeDocument, pageSvg, photograph, PHOTO, PHOTO_LOW, renderPage, sealSvg } from "./fixture-pages.js";

const { values } = parseArgs({
  options: {
    docs: { type: "string", default: "9" },
    engine: { type: "string", default: "paddle" },
    threads: { type: "string", default: "2" },
    workers: { type: "string", default: "1" },
    "det-side": { type: "string", default: "1280" },
    // Horizontal scale of line images before recognition (engine default when absent).
    squeeze: { type: "string" },
    // Reads lines again at two more widths when a numeral was in doubt (engine option, off by default).
    reread: { type: "boolean", default: false },
    // Loads the models as shipped, without the exact CPU rewrites (onnx-graph-rewrite.ts): to measure them.
    "no-rewrite": { type: "boolean", default: false },
    seed: { type: "string", default: "11" },
    // Prints why each unchanged page was not a match, and each changed page that was.
    details: { type: "boolean", default: false },
    // Keeps the readings (JSON) to re-score thresholds without reading again; --load uses them.
    save: { type: "string" },
    load: { type: "string" },
  },
});
const DOCS = Number(values.docs);
const SEED = Number(values.seed);

interface Page {
  readonly set: string;
  readonly id: string;
  readonly variant: string;
  readonly image: Buffer;
  readonly truth: string;
  readonly original?: string;
  readonly tamperedClause?: string;
  readonly tamperedNumber?: string;
}

async function generatedPages(): Promise<Page[]> {
  const pages: Page[] = [];
  for (let i = 0; i < DOCS; i++) {
    const doc = makeDocument(SEED, i);
    const { svg, lines, sealAt } = pageSvg(doc);
    const clean = await renderPage(svg, undefined);
    const stamped = await renderPage(svg, sealSvg("合肥庐州电子信息有限公司", sealAt, SEED + i));
    const base = { set: "generated", id: doc.id, truth: lines.join("\n"), original: doc.original, tamperedClause: doc.tamperedClause, tamperedNumber: doc.tamperedNumber };
    pages.push({ ...base, variant: "clean", image: clean });
    pages.push({ ...base, variant: "stamp", image: stamped });
    pages.push({ ...base, variant: "photo", image: await photograph(stamped, SEED + i, PHOTO) });
    pages.push({ ...base, variant: "photo_low", image: await photograph(stamped, SEED + 100 + i, PHOTO_LOW) });
    const fine = await renderPage(svg, sealSvg("合肥庐州电子信息有限公司", sealAt, SEED + i), CAMERA_RENDER_SCALE);
    pages.push({ ...base, variant: "camera", image: await photograph(fine, SEED + 200 + i, CAMERA) });
  }
  for (const kind of ["plain", "textured", "seal"] as const) pages.push({ set: "generated", id: `blank_${kind}`, variant: "photo", image: await photograph(await blankPage(kind, SEED), SEED, PHOTO), truth: "" });
  return pages;
}

async function sharedPages(): Promise<Page[]> {
  const pages: Page[] = [];
  for (const page of (await samplePages()).values()) {
    for (const [variant, file] of Object.entries(page.images)) {
      pages.push({
        set: "samples",
        id: page.id,
        variant,
        image: await readFile(file),
        truth: page.text,
        ...(page.original ? { original: page.original } : {}),
        ...(page.tamperedClause ? { tamperedClause: page.tamperedClause } : {}),
        ...(page.tamperedNumber ? { tamperedNumber: page.tamperedNumber } : {}),
      });
    }
  }
  return pages;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : ((s[Math.floor((s.length - 1) / 2)] as number) + (s[Math.ceil((s.length - 1) / 2)] as number)) / 2;
};
const pct = (x: number) => (Number.isNaN(x) ? "–" : `${(x * 100).toFixed(1)}%`);

interface Tally {
  same: Record<string, number>;
  clause: Record<string, number>;
  digit: Record<string, number>;
  other: Record<string, number>;
  blank: Record<string, number>;
  worstSame: number[];
  worstChanged: number[];
}
const bump = (r: Record<string, number>, v: ComparisonVerdict) => void (r[v] = (r[v] ?? 0) + 1);
const show = (r: Record<string, number>) => Object.entries(r).sort().map(([k, v]) => `${k} ${v}`).join(", ") || "–";

async function run(engineName: "paddle" | "tesseract", pages: Page[]): Promise<void> {
  let decoder: PageImageDecoder = new SharpPageDecoder();
  let engine: OcrEngine;
  const startRss = process.memoryUsage().rss;
  const loadAtStart = loadavg().map((l) => l.toFixed(2)).join(" ");
  const t0 = performance.now();
  if (engineName === "paddle") {
    const { WorkerThreadOcrEngine } = await import("../src/adapters/ocr/worker-thread-ocr-engine.js");
    const pool = await WorkerThreadOcrEngine.open({
      engine: { kind: "paddle", options: { threads: Number(values.threads), detectionSide: Number(values["det-side"]), ...(values.squeeze ? { lineWidthScale: Number(values.squeeze) } : {}), rereadDoubtfulNumerals: values.reread, rewriteGraphs: !values["no-rewrite"] } },
      workers: Number(values.workers),
    });
    // As the service does: photos are decoded in the pool too.
    engine = pool;
    decoder = pool;
  } else {
    const { TesseractJsOcrEngine } = await import("../src/adapters/ocr/tesseract-js-ocr-engine.js");
    engine = await TesseractJsOcrEngine.open();
  }
  const init = (performance.now() - t0) / 1000;
  const cer = new Map<string, { errors: number; chars: number; pages: number[]; seconds: number[]; cpu: number[] }>();
  const inkText: number[] = [];
  const inkBlank: number[] = [];
  const tallies = new Map<string, Tally>();
  const readings: { page: Page; prepared: PreparedPage; lines: { text: string; underSeal: boolean }[] }[] = [];
  let peakRss = 0;
  const saved: Record<string, { text: string; lines: { text: string; underSeal: boolean }[]; inkRatio: number; seconds: number; cpuSeconds?: number }> = values.load ? JSON.parse(await readFile(values.load, "utf8")) : {};
  for (const page of pages) {
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    const key0 = `${page.set}/${page.id}/${page.variant}`;
    const prepared = await decoder.prepare(page.image);
    const reading = saved[key0] ? { text: saved[key0].text, lines: saved[key0].lines.map((l) => ({ text: l.text, confidence: 1 })) } : await engine.read(prepared);
    const seconds = saved[key0]?.seconds ?? (performance.now() - started) / 1000;
    const cpuUsed = process.cpuUsage(cpuStart);
    // CPU seconds of the whole process (workers are its threads): unlike latency, hardly moved by other load.
    const cpuSeconds = saved[key0]?.cpuSeconds ?? (cpuUsed.user + cpuUsed.system) / 1e6;
    // The pool's workers are threads of this process: RSS covers them.
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const lines =
      saved[key0]?.lines ??
      reading.lines.map((l) => ({ text: l.text, underSeal: "box" in l && l.box !== undefined && prepared.sealBoxes.some((s) => s.x < l.box!.x + l.box!.width && l.box!.x < s.x + s.width && s.y < l.box!.y + l.box!.height && l.box!.y < s.y + s.height) }));
    saved[key0] = { text: reading.text, lines, inkRatio: prepared.inkRatio, seconds, cpuSeconds };
    readings.push({ page, prepared, lines });
    const key = `${page.set} ${page.variant}`;
    const entry = cer.get(key) ?? { errors: 0, chars: 0, pages: [], seconds: [], cpu: [] };
    if (page.truth) {
      const rate = characterErrorRate(reading.text, page.truth);
      const chars = [...page.truth.normalize("NFKC").replace(/[^\p{L}\p{N}]/gu, "")].length;
      entry.errors += rate * chars;
      entry.chars += chars;
      entry.pages.push(rate);
      inkText.push(prepared.inkRatio);
    } else inkBlank.push(prepared.inkRatio);
    entry.seconds.push(seconds);
    entry.cpu.push(cpuSeconds);
    cer.set(key, entry);
    process.stderr.write(".");
  }
  process.stderr.write("\n");
  // One original per document of the set: the pool an extra page is drawn from.
  const originalsOf = (set: string) => [...new Map(readings.filter((r) => r.page.set === set && r.page.original).map((r) => [r.page.id, r.page])).values()];
  for (const { page, prepared, lines } of readings) {
    if (!page.variant.startsWith("photo") && page.variant !== "camera") continue;
    const key = `${page.set} ${page.variant}`;
    const t = tallies.get(key) ?? { same: {}, clause: {}, digit: {}, other: {}, blank: {}, worstSame: [], worstChanged: [] };
    tallies.set(key, t);
    const evidence = { inkRatio: prepared.inkRatio, lines, reviewOnly: engine.reviewOnly };
    const verdict = (text: string) => comparePhoto(originalFromText("a", "o", text, DEFAULT_PROFILE), evidence, DEFAULT_PROFILE);
    if (!page.original) {
      const others = originalsOf(page.set).map((p) => p.original).join("\f") || "甲方乙方合同";
      bump(t.blank, verdict(others).verdict);
      continue;
    }
    const same = verdict(page.original);
    bump(t.same, same.verdict);
    if (values.details && same.verdict !== "match") console.log(`  same ${page.set} ${page.id} ${page.variant}: ${same.verdict}: ${same.reasons.join("; ")} worst=${JSON.stringify(same.worstClause?.clause)} digits=${JSON.stringify(same.digitMismatches.map((d) => [d.expected, d.found]))}`);
    t.worstSame.push(same.worstClause?.errorRate ?? 0);
    if (page.tamperedClause) {
      const changed = verdict(page.tamperedClause);
      bump(t.clause, changed.verdict);
      if (values.details && changed.verdict === "match") console.log(`  MISSED clause ${page.set} ${page.id} ${page.variant}`);
      t.worstChanged.push(changed.worstClause?.errorRate ?? 0);
    }
    if (page.tamperedNumber) {
      const changed = verdict(page.tamperedNumber);
      bump(t.digit, changed.verdict);
      if (values.details && changed.verdict !== "mismatch") console.log(`  digit ${page.set} ${page.id} ${page.variant}: ${changed.verdict}: ${changed.reasons.join("; ")}`);
    }
    const others = originalsOf(page.set).filter((p) => p.id !== page.id).map((p) => p.original);
    if (others.length > 0) bump(t.other, verdict(others.join("\f")).verdict);
  }
  await engine.close();
  if (values.save) await writeFile(values.save, JSON.stringify(saved));

  const settings = engineName === "paddle" ? `, ${values.workers} worker(s) × ${values.threads} ONNX thread(s), detector side ${values["det-side"]}, line width scale ${values.squeeze ?? "default"}${values.reread ? ", doubtful numerals re-read" : ""}${values["no-rewrite"] ? ", graphs as shipped (no CPU rewrite)" : ""}` : "";
  console.log(`\n## ${engine.name}  (init ${init.toFixed(2)} s, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB, RSS before ${(startRss / 2 ** 20).toFixed(0)} MB${settings}; load average at start ${loadAtStart}, at end ${loadavg().map((l) => l.toFixed(2)).join(" ")})\n`);
  console.log("| set / variant | pages | CER (micro) | page-median CER | worst page | s/page median | CPU s/page median |");
  console.log("|---|---|---|---|---|---|---|");
  for (const [key, e] of cer) console.log(`| ${key} | ${e.seconds.length} | ${pct(e.chars ? e.errors / e.chars : NaN)} | ${pct(median(e.pages))} | ${pct(e.pages.length ? Math.max(...e.pages) : NaN)} | ${median(e.seconds).toFixed(2)} | ${median(e.cpu).toFixed(2)} |`);
  console.log(`\nink ratio: text pages min ${pct(Math.min(...inkText))}, blank pages max ${inkBlank.length ? pct(Math.max(...inkBlank)) : "–"} (threshold ${pct(DEFAULT_PROFILE.blankInkRatio)})\n`);
  console.log("| set / variant | same page | one clause changed | one digit changed | other page | blank | worst clause same (max) | worst clause changed (min) |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const [key, t] of tallies) {
    console.log(`| ${key} | ${show(t.same)} | ${show(t.clause)} | ${show(t.digit)} | ${show(t.other)} | ${show(t.blank)} | ${t.worstSame.length ? Math.max(...t.worstSame).toFixed(2) : "–"} | ${t.worstChanged.length ? Math.min(...t.worstChanged).toFixed(2) : "–"} |`);
  }
}

const pages = [...(await generatedPages()), ...(await sharedPages())];
console.log(`# OCR benchmark: ${pages.length} pages (${DOCS} generated documents × clean/stamp/photo/photo_low/camera + 3 blanks; shared samples), profile ${DEFAULT_PROFILE.name}`);
for (const engine of values.engine === "both" ? (["paddle", "tesseract"] as const) : [values.engine as "paddle" | "tesseract"]) await run(engine, pages);
