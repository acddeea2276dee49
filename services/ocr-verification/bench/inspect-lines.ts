/**
 * Looks at the lines of one photo that contain a given text (as read): saves each line image as PNG
 * and reads it again at other widths, printing the recogniser's per-character confidence and runner-up.
 * For understanding one misreading (crop, recognition or comparison).
 *   npx tsx services/ocr-verification/bench/inspect-lines.ts --match 563 --out /tmp/lines (--image FILE | --generated photo_low:3)
 */
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import * as ort from "onnxruntime-node";
import sharp from "sharp";
import { SharpPageDecoder } from "../src/adapters/image/sharp-page-decoder.js";
import type { LineImage } from "../src/adapters/ocr/line-reading.js";
import { bundledModelDir, PaddleOnnxOcrEngine } from "../src/adapters/ocr/paddle-onnx-ocr-engine.js";
import { CAMERA, CAMERA_RENDER_SCALE, makeDocument, pageSvg, photograph, PHOTO, PHOTO_LOW, renderPage, sealSvg } from "./fixture-pages.js";

const { values } = parseArgs({
  options: {
    image: { type: "string" },
    generated: { type: "string" },
    match: { type: "string", default: "" },
    out: { type: "string", default: "/tmp/ocr-lines" },
    seed: { type: "string", default: "11" },
    widths: { type: "string", default: "0.8,1,1.2,1.4" },
  },
});

async function photo(): Promise<Buffer> {
  if (values.image) return readFile(values.image);
  const [variant, index] = (values.generated ?? "photo:0").split(":");
  const seed = Number(values.seed);
  const i = Number(index);
  const doc = makeDocument(seed, i);
  const { svg, sealAt } = pageSvg(doc);
  const seal = sealSvg("合肥庐州电子信息有限公司", sealAt, seed + i);
  if (variant === "camera") return photograph(await renderPage(svg, seal, CAMERA_RENDER_SCALE), seed + 200 + i, CAMERA);
  return photograph(await renderPage(svg, seal), variant === "photo_low" ? seed + 100 + i : seed + i, variant === "photo_low" ? PHOTO_LOW : PHOTO);
}

const engine = await PaddleOnnxOcrEngine.open({ threads: 1 });
const page = await new SharpPageDecoder().prepare(await photo());
const lines = await engine.detectLines(page);
const texts = await engine.recogniseLines(lines);
const dict = [...(await readFile(join(bundledModelDir(), "ppocr_keys_v1.txt"), "utf8")).replace(/\r?\n$/, "").split(/\r?\n/), " "];
const session = await ort.InferenceSession.create(join(bundledModelDir(), "ch_PP-OCRv4_rec_infer.onnx"), { intraOpNumThreads: 1 });
await mkdir(values.out, { recursive: true });

/** Greedy CTC with, per emitted character, its probability and the runner-up class. */
async function readVerbose(line: LineImage): Promise<string> {
  const plane = 48 * line.width;
  const tensor = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) tensor[i] = tensor[i + plane] = tensor[i + 2 * plane] = (line.pixels[i] as number) / 127.5 - 1;
  const out = await session.run({ [session.inputNames[0] as string]: new ort.Tensor("float32", tensor, [1, 3, 48, line.width]) });
  const logits = out[session.outputNames[0] as string] as ort.Tensor;
  const [, steps, classes] = logits.dims as [number, number, number];
  const data = logits.data as Float32Array;
  let last = -1;
  const parts: string[] = [];
  for (let t = 0; t < steps; t++) {
    let best = 0;
    let second = 0;
    for (let c = 1; c < classes; c++) {
      if ((data[t * classes + c] as number) > (data[t * classes + best] as number)) [second, best] = [best, c];
      else if ((data[t * classes + c] as number) > (data[t * classes + second] as number)) second = c;
    }
    if (best !== last && best !== 0) {
      const p = data[t * classes + best] as number;
      parts.push(p < 0.9 ? `${dict[best - 1]}(${p.toFixed(2)}|${second === 0 ? "∅" : dict[second - 1]} ${(data[t * classes + second] as number).toFixed(2)})` : (dict[best - 1] ?? ""));
    }
    last = best;
  }
  return parts.join("");
}

function rescale(line: LineImage, factor: number): Promise<LineImage> {
  const width = Math.max(8, Math.round(line.width * factor));
  return sharp(Buffer.from(line.pixels), { raw: { width: line.width, height: 48, channels: 1 } })
    .resize({ width, height: 48, fit: "fill", kernel: "linear" })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true })
    .then(({ data, info }) => ({ corners: line.corners, width: info.width, pixels: new Uint8Array(data) }));
}

for (const [i, line] of lines.entries()) {
  const text = texts[i]?.text ?? "";
  if (values.match && !text.includes(values.match)) continue;
  const file = join(values.out, `line-${i}.png`);
  await sharp(Buffer.from(line.pixels), { raw: { width: line.width, height: 48, channels: 1 } }).png().toFile(file);
  console.log(`line ${i} (${file}, width ${line.width}, box ${line.corners.map((p) => `${p.x.toFixed(0)},${p.y.toFixed(0)}`).join(" ")}): ${text}`);
  for (const factor of values.widths.split(",").map(Number)) console.log(`  ×${factor}: ${await readVerbose(factor === 1 ? line : await rescale(line, factor))}`);
}
await engine.close();
