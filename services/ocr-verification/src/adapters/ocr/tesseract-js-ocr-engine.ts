import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import sharp from "sharp";
import { createWorker, OEM, PSM, type Worker } from "tesseract.js";
import type { OcrEngine, PageReading, PreparedPage } from "../../app/ports.js";
import { SerialQueue } from "./serial-queue.js";

/** The LSTM `chi_sim` model shipped in the pinned `@tesseract.js-data/chi_sim` npm package. */
export function bundledTessdataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@tesseract.js-data/chi_sim/package.json")), "4.0.0_best_int");
}

/**
 * Tesseract (WASM, no native addon) with local `chi_sim` data: the embedded fallback when the
 * ONNX runtime cannot load. It loses ruled tables and suffers under seals (16–18 % CER on photos in
 * research/ocr.md), so every verdict it produces goes to manual review.
 */
export class TesseractJsOcrEngine implements OcrEngine {
  readonly name = "tesseract-js-chi_sim";
  readonly reviewOnly = true;
  private readonly queue = new SerialQueue();

  private constructor(private readonly worker: Worker) {}

  static async open(options: { langPath?: string } = {}): Promise<TesseractJsOcrEngine> {
    // A local langPath and no cache keep the worker from fetching language data from a CDN.
    const worker = await createWorker("chi_sim", OEM.LSTM_ONLY, {
      langPath: options.langPath ?? bundledTessdataDir(),
      gzip: true,
      cacheMethod: "none",
    });
    // Automatic page segmentation returns nothing on blank paper; single-block mode hallucinates there.
    await worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO, preserve_interword_spaces: "1" });
    return new TesseractJsOcrEngine(worker);
  }

  read(page: PreparedPage): Promise<PageReading> {
    return this.queue.run(async () => {
      const png = await sharp(Buffer.from(page.pixels.buffer, page.pixels.byteOffset, page.pixels.byteLength), {
        raw: { width: page.width, height: page.height, channels: 1 },
      })
        .withMetadata({ density: 200 })
        .png({ compressionLevel: 1 })
        .toBuffer();
      const result = await this.worker.recognize(png, {}, { text: true, blocks: true });
      const lines = (result.data.blocks ?? []).flatMap((block) =>
        block.paragraphs.flatMap((paragraph) => paragraph.lines.map((line) => ({
          text: line.text.trim(),
          confidence: line.confidence / 100,
          box: { x: line.bbox.x0, y: line.bbox.y0, width: line.bbox.x1 - line.bbox.x0, height: line.bbox.y1 - line.bbox.y0 },
        }))),
      );
      const kept = lines.filter((line) => line.text.length > 0);
      return { engine: this.name, text: kept.map((l) => l.text).join("\n"), lines: kept };
    });
  }

  async close(): Promise<void> {
    await this.queue.run(() => this.worker.terminate());
  }
}
