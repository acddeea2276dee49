import type { ErrorKind, FieldViolation } from "@yunxi/platform";
import type { PageReading, PreparedPage } from "../../app/ports.js";
import type { PageDecoderLimits } from "../image/sharp-page-decoder.js";
import type { DetectionBand } from "./detection-bands.js";
import type { LineImage, LineText } from "./line-reading.js";
import type { PaddleOnnxOptions } from "./paddle-onnx-ocr-engine.js";

/** Which engine a worker thread opens. `module` loads any module exporting `openEngine(options)` (tests use it). */
export type WorkerEngineSpec =
  | { readonly kind: "paddle"; readonly options: PaddleOnnxOptions }
  | { readonly kind: "tesseract" }
  | { readonly kind: "module"; readonly url: string; readonly options?: unknown };

export interface WorkerData {
  readonly engine: WorkerEngineSpec;
  readonly decoderLimits: PageDecoderLimits;
}

export type WorkerTask =
  | { readonly id: number; readonly op: "prepare"; readonly bytes: Uint8Array }
  | { readonly id: number; readonly op: "read"; readonly page: PreparedPage }
  | { readonly id: number; readonly op: "detect"; readonly page: PreparedPage; readonly band?: DetectionBand }
  | { readonly id: number; readonly op: "recognise"; readonly lines: readonly LineImage[] }
  | { readonly id: number; readonly op: "close" };

export type WorkerReply =
  /** `splits`: the engine can detect and recognise separately (see PaddleOnnxOcrEngine). */
  | { readonly type: "ready"; readonly name: string; readonly reviewOnly: boolean; readonly splits: boolean }
  | { readonly type: "failed"; readonly message: string }
  | { readonly type: "done"; readonly id: number; readonly value: PreparedPage | PageReading | LineImage[] | LineText[] | null }
  | { readonly type: "error"; readonly id: number; readonly kind: ErrorKind; readonly message: string; readonly violations: FieldViolation[] };
