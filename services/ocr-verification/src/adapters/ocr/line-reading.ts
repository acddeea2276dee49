import type { PageReading, PixelBox } from "../../app/ports.js";
import { groupIntoLines, type Point } from "./reading-order.js";

/** Below this confidence a recognised box is dropped (the paddleocr runtime's default). */
const MIN_CONFIDENCE = 0.5;

/** A detected text line, cropped upright from the page and scaled to the recogniser's 48 px height. */
export interface LineImage {
  /** Where the line is on the page: four corners clockwise from top-left, page pixels. */
  readonly corners: readonly [Point, Point, Point, Point];
  readonly width: number;
  /** Grey pixels, 48 rows of `width`. */
  readonly pixels: Uint8Array;
}

/** What the recogniser read on one line. */
export interface LineText {
  readonly text: string;
  readonly confidence: number;
}

/**
 * Builds the page reading from recognised lines: boxes under 0.5 confidence are dropped (the paddleocr
 * runtime's default), the rest grouped into lines in reading order.
 */
export function assembleReading(engine: string, lines: readonly LineImage[], texts: readonly LineText[]): PageReading {
  const kept = lines.flatMap((line, i) => {
    const read = texts[i];
    return read && read.confidence >= MIN_CONFIDENCE && read.text.length > 0 ? [{ ...read, corners: line.corners }] : [];
  });
  const grouped = groupIntoLines(kept).map((line) => ({
    text: line.map((r) => r.text).join(" "),
    confidence: line.reduce((sum, r) => sum + r.confidence, 0) / line.length,
    box: boundsOf(line.flatMap((r) => r.corners)),
  }));
  return { engine, text: grouped.map((l) => l.text).join("\n"), lines: grouped };
}

function boundsOf(points: readonly Point[]): PixelBox {
  if (points.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x0 = Math.min(...xs);
  const y0 = Math.min(...ys);
  return { x: x0, y: y0, width: Math.max(...xs) - x0, height: Math.max(...ys) - y0 };
}
