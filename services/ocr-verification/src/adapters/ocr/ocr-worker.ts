/**
 * Entry point of one OCR worker thread (see worker-thread-ocr-engine.ts): opens one engine and one
 * decoder, then serves one task at a time. Errors are sent back as data (kind + message), so bad
 * input fails the task, never the thread.
 */
import { parentPort, workerData } from "node:worker_threads";
import { isYunxiError } from "@yunxi/platform";
import type { OcrEngine, PreparedPage } from "../../app/ports.js";
import { SharpPageDecoder } from "../image/sharp-page-decoder.js";
import { checkPreparedPage } from "./page-check.js";
import type { PaddleOnnxOcrEngine } from "./paddle-onnx-ocr-engine.js";
import type { WorkerData, WorkerReply, WorkerTask } from "./worker-protocol.js";

async function openEngine(spec: WorkerData["engine"]): Promise<OcrEngine> {
  switch (spec.kind) {
    case "paddle": {
      const { PaddleOnnxOcrEngine } = await import("./paddle-onnx-ocr-engine.js");
      return PaddleOnnxOcrEngine.open(spec.options);
    }
    case "tesseract": {
      const { TesseractJsOcrEngine } = await import("./tesseract-js-ocr-engine.js");
      return TesseractJsOcrEngine.open();
    }
    case "module": {
      const module = (await import(spec.url)) as { openEngine(options: unknown): Promise<OcrEngine> };
      return module.openEngine(spec.options);
    }
  }
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error("ocr-worker runs only as a worker thread");
  const data = workerData as WorkerData;
  const decoder = new SharpPageDecoder(data.decoderLimits);
  let engine: OcrEngine;
  try {
    engine = await openEngine(data.engine);
  } catch (error) {
    port.postMessage({ type: "failed", message: error instanceof Error ? error.message : String(error) } satisfies WorkerReply);
    return;
  }
  const halves = splittable(engine) ? engine : undefined;
  port.postMessage({ type: "ready", name: engine.name, reviewOnly: engine.reviewOnly, splits: halves !== undefined } satisfies WorkerReply);

  port.on("message", (task: WorkerTask) => {
    void serve(task).then(
      (reply) => port.postMessage(reply.message, reply.transfer),
      (error: unknown) => port.postMessage(failure(task.id, error) satisfies WorkerReply),
    );
  });

  function requireHalves(): SplittableEngine {
    if (!halves) throw new Error(`engine ${engine.name} cannot detect and recognise separately`);
    return halves;
  }

  async function serve(task: WorkerTask): Promise<{ message: WorkerReply; transfer: ArrayBuffer[] }> {
    switch (task.op) {
      case "prepare": {
        const page = await decoder.prepare(task.bytes);
        // The decoded pixels go back without a copy; this thread keeps no reference to them.
        return { message: { type: "done", id: task.id, value: page }, transfer: transferable(page.pixels) };
      }
      case "read": {
        const page: PreparedPage = task.page;
        checkPreparedPage(page, data.decoderLimits.maxPixels);
        return { message: { type: "done", id: task.id, value: await engine.read(page) }, transfer: [] };
      }
      case "detect": {
        checkPreparedPage(task.page, data.decoderLimits.maxPixels);
        const lines = await requireHalves().detectLines(task.page, task.band);
        return { message: { type: "done", id: task.id, value: lines }, transfer: lines.flatMap((l) => transferable(l.pixels)) };
      }
      case "recognise":
        return { message: { type: "done", id: task.id, value: await requireHalves().recogniseLines(task.lines) }, transfer: [] };
      case "close":
        await engine.close();
        return { message: { type: "done", id: task.id, value: null }, transfer: [] };
    }
  }
}

type SplittableEngine = OcrEngine & Pick<PaddleOnnxOcrEngine, "detectLines" | "recogniseLines">;

function splittable(engine: OcrEngine): engine is SplittableEngine {
  return "detectLines" in engine && "recogniseLines" in engine;
}

function transferable(pixels: Uint8Array): ArrayBuffer[] {
  const buffer = pixels.buffer;
  // Only a buffer the view owns entirely may move; sharp's pooled buffers are copied instead.
  return buffer instanceof ArrayBuffer && pixels.byteOffset === 0 && pixels.byteLength === buffer.byteLength ? [buffer] : [];
}

function failure(id: number, error: unknown): WorkerReply {
  if (isYunxiError(error)) return { type: "error", id, kind: error.kind, message: error.message, violations: [...error.violations] };
  return { type: "error", id, kind: "Internal", message: error instanceof Error ? error.message : String(error), violations: [] };
}

await main();
