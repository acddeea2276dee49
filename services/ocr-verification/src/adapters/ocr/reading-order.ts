/** A recognised text box: its text and where it is (four corners clockwise from top-left, page pixels). */
export interface PlacedText {
  readonly text: string;
  readonly confidence: number;
  readonly corners: readonly [Point, Point, Point, Point];
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/**
 * Groups text boxes into lines in reading order, on photos taken at a slant. The page's skew is the
 * median angle of the wide boxes; box centres are turned back by it, then boxes whose centres lie
 * within half a line height of a line's centre join that line, left to right. Sorting by top edge
 * alone (what the paddleocr runtime does) interleaves the cells of neighbouring table rows as soon
 * as the page is turned by a degree or two.
 */
export function groupIntoLines<T extends PlacedText>(boxes: readonly T[]): T[][] {
  if (boxes.length === 0) return [];
  const skew = pageSkew(boxes);
  const cos = Math.cos(skew);
  const sin = Math.sin(skew);
  const placed = boxes.map((box) => {
    const cx = box.corners.reduce((s, p) => s + p.x, 0) / 4;
    const cy = box.corners.reduce((s, p) => s + p.y, 0) / 4;
    const [a, b, c, d] = box.corners;
    const height = (distance(a, d) + distance(b, c)) / 2;
    return { box, u: cos * cx + sin * cy, v: -sin * cx + cos * cy, height: Math.max(height, 1) };
  });
  placed.sort((p, q) => p.v - q.v);
  const lines: (typeof placed)[] = [];
  for (const p of placed) {
    const line = lines[lines.length - 1];
    if (line) {
      const centre = line.reduce((s, q) => s + q.v, 0) / line.length;
      const height = Math.min(p.height, line.reduce((s, q) => s + q.height, 0) / line.length);
      if (Math.abs(p.v - centre) <= height / 2) {
        line.push(p);
        continue;
      }
    }
    lines.push([p]);
  }
  return lines.map((line) => line.sort((p, q) => p.u - q.u).map((p) => p.box));
}

/** Median slant (radians) of boxes at least twice as wide as tall; 0 when there are none. */
function pageSkew(boxes: readonly PlacedText[]): number {
  const angles: number[] = [];
  for (const box of boxes) {
    const [a, b, , d] = box.corners;
    const width = distance(a, b);
    if (width < 2 * distance(a, d)) continue;
    angles.push(Math.atan2(b.y - a.y, b.x - a.x));
  }
  if (angles.length === 0) return 0;
  angles.sort((x, y) => x - y);
  return angles[Math.floor(angles.length / 2)] as number;
}

function distance(p: Point, q: Point): number {
  return Math.hypot(p.x - q.x, p.y - q.y);
}
