import { createHash } from "node:crypto";
import type { OcrEngine, PageReading, PreparedPage } from "../app/ports.js";

/**
 * Wraps a real engine and remembers its reading per page (by pixel hash), so a test that compares one
 * photo with several originals runs OCR once. Every reading still comes from the real engine.
 */
export class MemoisingOcrEngine implements OcrEngine {
  private readonly readings = new Map<string, Promise<PageReading>>();
  calls = 0;

  constructor(private readonly inner: OcrEngine) {}

  get name(): string {
    return this.inner.name;
  }
  get reviewOnly(): boolean {
    return this.inner.reviewOnly;
  }

  read(page: PreparedPage): Promise<PageReading> {
    const key = createHash("sha256").update(page.pixels).digest("hex");
    let reading = this.readings.get(key);
    if (!reading) {
      this.calls++;
      reading = this.inner.read(page);
      this.readings.set(key, reading);
    }
    return reading;
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
