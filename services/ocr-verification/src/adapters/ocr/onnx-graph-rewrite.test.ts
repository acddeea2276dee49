import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import * as ort from "onnxruntime-node";
import { fixturePages, imageOf, pageOf } from "../../testing/samples.js";
import { SharpPageDecoder } from "../image/sharp-page-decoder.js";
import { rewriteForCpu } from "./onnx-graph-rewrite.js";
import { bundledModelDir, PaddleOnnxOcrEngine } from "./paddle-onnx-ocr-engine.js";

const sessionOptions: ort.InferenceSession.SessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1, logSeverityLevel: 3 };

/** Runs a model once per input; the first output of each run. */
async function outputsOf(model: Uint8Array, inputs: readonly ort.Tensor[]): Promise<Float32Array[]> {
  const session = await ort.InferenceSession.create(model, sessionOptions);
  try {
    const outputs: Float32Array[] = [];
    for (const input of inputs) {
      const result = await session.run({ [session.inputNames[0] as string]: input });
      outputs.push(result[session.outputNames[0] as string]?.data as Float32Array);
    }
    return outputs;
  } finally {
    await session.release();
  }
}

function largestDifference(left: readonly Float32Array[], right: readonly Float32Array[]): number {
  assert.equal(left.length, right.length);
  let largest = 0;
  left.forEach((values, i) => {
    const other = right[i] as Float32Array;
    assert.equal(values.length, other.length, "output shapes differ");
    for (let j = 0; j < values.length; j++) largest = Math.max(largest, Math.abs((values[j] as number) - (other[j] as number)));
  });
  return largest;
}

/** The class with the highest probability at each step: what greedy CTC reads. */
function bestClasses(probabilities: Float32Array, classes: number): number[] {
  const best: number[] = [];
  for (let step = 0; step < probabilities.length / classes; step++) {
    let winner = 0;
    for (let c = 1; c < classes; c++) if ((probabilities[step * classes + c] as number) > (probabilities[step * classes + winner] as number)) winner = c;
    best.push(winner);
  }
  return best;
}

describe("ONNX graph rewrite for the CPU", { timeout: 180_000 }, () => {
  let recogniser: Buffer;
  let detector: Buffer;
  /** Real line images of a generated photo, as the recogniser sees them. */
  let lines: ort.Tensor[];
  let page: ort.Tensor;

  before(async () => {
    [recogniser, detector] = await Promise.all([
      readFile(join(bundledModelDir(), "ch_PP-OCRv4_rec_infer.onnx")),
      readFile(join(bundledModelDir(), "ch_PP-OCRv4_det_infer.onnx")),
    ]);
    const prepared = await new SharpPageDecoder().prepare(await imageOf(pageOf(await fixturePages(), "g01_table"), "photo"));
    const engine = await PaddleOnnxOcrEngine.open({ threads: 1, rewriteGraphs: false });
    try {
      const found = await engine.detectLines(prepared);
      assert.ok(found.length >= 12, `only ${found.length} lines detected`);
      lines = found.slice(0, 12).map((line) => {
        const plane = 48 * line.width;
        const tensor = new Float32Array(3 * plane);
        for (let i = 0; i < plane; i++) tensor[i] = tensor[i + plane] = tensor[i + 2 * plane] = (line.pixels[i] as number) / 127.5 - 1;
        return new ort.Tensor("float32", tensor, [1, 3, 48, line.width]);
      });
    } finally {
      await engine.close();
    }
    // The detector's input: the page's grey values, normalised, at a size divisible by 32.
    const [height, width] = [640, 480];
    const planes = new Float32Array(3 * height * width);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const grey = (prepared.pixels[Math.floor((y * prepared.height) / height) * prepared.width + Math.floor((x * prepared.width) / width)] as number) / 255;
        for (let c = 0; c < 3; c++) planes[c * height * width + y * width + x] = (grey - 0.45) / 0.225;
      }
    }
    page = new ort.Tensor("float32", planes, [1, 3, height, width]);
  });


  it("finds the unfused affines and hard-swishes in both shipped PP-OCRv4 graphs", () => {
    for (const model of [recogniser, detector]) {
      const { report } = rewriteForCpu(model);
      assert.equal(report.rewritten, true, report.reason);
      assert.ok(report.foldedIntoConv >= 50, `folded into convolutions: ${report.foldedIntoConv}`);
      assert.ok(report.hardSwish >= 20, `hard-swishes: ${report.hardSwish}`);
      assert.ok(report.foldedIntoNextConv >= 10 && report.affineAsConv >= 10, JSON.stringify(report));
    }
  });

  it("leaves the recogniser's readings unchanged: same best class at every step, probabilities within 1e-3", async () => {
    const [shipped, rewritten] = [await outputsOf(recogniser, lines), await outputsOf(rewriteForCpu(recogniser).model, lines)];
    assert.ok(largestDifference(shipped, rewritten) < 1e-3, `largest difference ${largestDifference(shipped, rewritten)}`);
    const classes = 6625;
    shipped.forEach((probabilities, i) => assert.deepEqual(bestClasses(rewritten[i] as Float32Array, classes), bestClasses(probabilities, classes), `line ${i}`));
  });

  it("leaves the detector's text map unchanged within 1e-3", async () => {
    const [shipped, rewritten] = [await outputsOf(detector, [page]), await outputsOf(rewriteForCpu(detector).model, [page])];
    const text = (shipped[0] as Float32Array).filter((p) => p > 0.3).length;
    assert.ok(text > 1000, `the page shows text (${text} pixels above 0.3)`);
    assert.ok(largestDifference(shipped, rewritten) < 1e-3, `largest difference ${largestDifference(shipped, rewritten)}`);
  });

  it("finds nothing more to rewrite in a rewritten graph", () => {
    const once = rewriteForCpu(recogniser).model;
    const twice = rewriteForCpu(once);
    assert.equal(twice.report.rewritten, false);
    assert.equal(twice.model, once);
  });

  it("returns bytes that are not a model it can round-trip untouched", () => {
    for (const bytes of [Buffer.from("not an onnx model at all"), new Uint8Array(0), recogniser.subarray(0, 1000)]) {
      const { model, report } = rewriteForCpu(bytes);
      assert.equal(report.rewritten, false);
      assert.equal(model, bytes);
      assert.ok(report.reason && report.reason.length > 0);
    }
  });
});
