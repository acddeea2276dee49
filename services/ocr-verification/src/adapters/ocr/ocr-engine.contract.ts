import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { OcrEngine } from "../../app/ports.js";
import { numbersOf } from "../../domain/clauses.js";
import { characterErrorRate, normaliseContent } from "../../domain/text.js";
import { fixturePages, imageOf, pageOf, samplePages, type SamplePage } from "../../testing/samples.js";
import { SharpPageDecoder } from "../image/sharp-page-decoder.js";

/** The CER each implementation must stay under, per page (content characters, research/ocr.md's measure). */
export interface EngineBounds {
  /** A shared sample page photographed by the device (p02_lease, photo variant). */
  readonly samplePhotoCer: number;
  /** A generated camera-like photo in a brush font with the seal over its last three lines. */
  readonly fixturePhotoCer: number | undefined;
  /** Whether the engine reads ruled tables (tesseract does not: research/ocr.md). */
  readonly readsTables: boolean;
}

/**
 * The expectations every OCR engine meets: it reads Chinese text from real photos under a stated
 * CER bound, and reads nothing that passes as text from a blank sheet or a sheet with only a seal.
 */
export function ocrEngineContract(label: string, open: () => Promise<OcrEngine>, bounds: EngineBounds): void {
  describe(`OcrEngine contract: ${label}`, { timeout: 240_000 }, () => {
    let engine: OcrEngine;
    let samples: Map<string, SamplePage>;
    let fixtures: Map<string, SamplePage>;
    const decoder = new SharpPageDecoder();
    const read = async (page: SamplePage, variant: string) => engine.read(await decoder.prepare(await imageOf(page, variant)));

    before(async () => {
      [samples, fixtures] = await Promise.all([samplePages(), fixturePages()]);
      engine = await open();
    });
    after(async () => {
      await engine?.close();
    });

    it(`reads the sample lease photo with CER ≤ ${bounds.samplePhotoCer}`, async () => {
      const page = pageOf(samples, "p02_lease");
      const reading = await read(page, "photo");
      const cer = characterErrorRate(reading.text, page.text);
      assert.ok(cer <= bounds.samplePhotoCer, `CER ${cer.toFixed(4)} above ${bounds.samplePhotoCer}`);
      assert.match(normaliseContent(reading.text), /房屋租赁合同/);
      assert.equal(reading.engine, engine.name);
    });

    if (bounds.fixturePhotoCer !== undefined) {
      const bound = bounds.fixturePhotoCer;
      it(`reads a generated clauses page photo with CER ≤ ${bound}`, async () => {
        const page = pageOf(fixtures, "g03_clauses");
        const reading = await read(page, "photo");
        const cer = characterErrorRate(reading.text, page.text);
        assert.ok(cer <= bound, `CER ${cer.toFixed(4)} above ${bound}`);
      });
    }

    if (bounds.readsTables) {
      // CER punishes a table read row by row in another order; what matters is that every cell is read.
      // Lone one-digit cells are left out: the detector misses boxes that small (the comparison skips them too).
      it("reads every multi-digit number of a ruled table on a generated photo", async () => {
        const page = pageOf(fixtures, "g01_table");
        const reading = await read(page, "photo");
        const read_ = new Set(numbersOf(reading.text));
        const table = page.text.split("\n").filter((line) => /^\d /.test(line)).flatMap((line) => numbersOf(line).filter((n) => n.length > 1));
        assert.ok(table.length >= 6, `table has ${table.length} numbers`);
        const missing = table.filter((n) => !read_.has(n));
        assert.deepEqual(missing, [], `numbers not read: ${missing.join(", ")}`);
      });
    }

    it("reads no text from a photo of blank paper", async () => {
      const reading = await read(pageOf(samples, "b01_blank"), "photo");
      assert.equal(normaliseContent(reading.text).length, 0, `read ${JSON.stringify(reading.text)}`);
    });

    it("reads at most the seal's own words from a page with only a seal on it", async () => {
      const reading = await read(pageOf(fixtures, "seal_only"), "photo");
      const content = normaliseContent(reading.text);
      assert.ok(content.length < 20, `read ${content.length} characters: ${JSON.stringify(reading.text)}`);
    });
  });
}
