/**
 * Saves the line images the recogniser sees (48 px high, grey) for generated pages of one seed, as raw
 * files `<page>-<line>-<width>.gray`: calibration data for quantising the recogniser, and real inputs to
 * time a rewritten graph against. Static int8 quantisation was tried with onnxruntime's Python
 * `quantize_static` on these and dropped (docs/ocr-verification.md); no quantisation script is kept. Use a
 * seed the benchmark does not use, so nothing is tuned on the pages it is measured with.
 *   npx tsx services/ocr-verification/bench/dump-line-images.ts --seed 29 --docs 6 --out /tmp/calib
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { SharpPageDecoder } from "../src/adapters/image/sharp-page-decoder.js";
import { PaddleOnnxOcrEngine } from "../src/adapters/ocr/paddle-onnx-ocr-engine.js";
import { CAMERA, CAMERA_RENDER_SCALE, makeDocument, pageSvg, photograph, PHOTO, PHOTO_LOW, renderPage, sealSvg } from "./fixture-pages.js";

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "29" },
    docs: { type: "string", default: "6" },
    out: { type: "string", default: "/tmp/ocr-calibration" },
  },
});
const seed = Number(values.seed);
await mkdir(values.out, { recursive: true });
const engine = await PaddleOnnxOcrEngine.open({ threads: 2 });
const decoder = new SharpPageDecoder();
let saved = 0;
for (let i = 0; i < Number(values.docs); i++) {
  const doc = makeDocument(seed, i);
  const { svg, sealAt } = pageSvg(doc);
  const seal = sealSvg("合肥庐州电子信息有限公司", sealAt, seed + i);
  const stamped = await renderPage(svg, seal);
  const variants: [string, Buffer][] = [
    ["stamp", stamped],
    ["photo", await photograph(stamped, seed + i, PHOTO)],
    ["photo_low", await photograph(stamped, seed + 100 + i, PHOTO_LOW)],
    ["camera", await photograph(await renderPage(svg, seal, CAMERA_RENDER_SCALE), seed + 200 + i, CAMERA)],
  ];
  for (const [variant, image] of variants) {
    const lines = await engine.detectLines(await decoder.prepare(image));
    for (const [n, line] of lines.entries()) {
      await writeFile(join(values.out, `${doc.id}_${variant}-${n}-${line.width}.gray`), line.pixels);
      saved += 1;
    }
  }
}
await engine.close();
console.log(`${saved} line images in ${values.out}`);
