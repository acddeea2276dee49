import type { LineImage } from "./line-reading.js";
import type { Point } from "./reading-order.js";

/** Rows `[top, bottom)` of a page that one detector run sees; it owns the lines centred in `[ownTop, ownBottom)`. */
export interface DetectionBand {
  readonly top: number;
  readonly bottom: number;
  readonly ownTop: number;
  readonly ownBottom: number;
}

/** Below this height a page is detected whole: bands would be mostly overlap. */
const MIN_BANDED_HEIGHT = 800;

/**
 * Splits a page into `parts` horizontal bands that overlap by `overlap` rows, so that several
 * workers can detect one page at once, each on its own core (the detector's own threads scale
 * poorly, and its post-processing runs on one). Each band owns the lines centred in its share of
 * the page; the overlap is what lets a line crossing a border be seen whole by its owner, so it must
 * be at least twice the tallest line.
 */
export function bandsOf(height: number, parts: number, overlap = Math.max(160, Math.round(height * 0.1))): DetectionBand[] {
  const count = height < MIN_BANDED_HEIGHT ? 1 : Math.max(1, Math.floor(parts));
  return Array.from({ length: count }, (_, i) => {
    const ownTop = Math.round((height * i) / count);
    const ownBottom = Math.round((height * (i + 1)) / count);
    return { top: Math.max(0, ownTop - Math.ceil(overlap / 2)), bottom: Math.min(height, ownBottom + Math.ceil(overlap / 2)), ownTop, ownBottom };
  });
}

/**
 * The page's lines from its bands' detections: each band keeps the lines centred in its own share
 * (a line cut by a band's edge is centred in the neighbour's share, which sees it whole), and a line
 * found by two bands with its centre right on their border is kept once.
 */
export function mergeBandLines(bands: readonly { band: DetectionBand; lines: readonly LineImage[] }[]): LineImage[] {
  const kept: { line: LineImage; bounds: Bounds; band: number }[] = [];
  bands.forEach(({ band, lines }, index) => {
    for (const line of lines) {
      const bounds = boundsOf(line.corners);
      const centre = (bounds.y0 + bounds.y1) / 2;
      if (centre < band.ownTop || centre >= band.ownBottom) continue;
      if (kept.some((k) => k.band !== index && overlapRatio(k.bounds, bounds) > 0.5)) continue;
      kept.push({ line, bounds, band: index });
    }
  });
  return kept.map((k) => k.line);
}

interface Bounds {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

function boundsOf(points: readonly Point[]): Bounds {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/** Intersection over union of two boxes. */
function overlapRatio(a: Bounds, b: Bounds): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / ((a.x1 - a.x0) * (a.y1 - a.y0) + (b.x1 - b.x0) * (b.y1 - b.y0) - inter);
}
