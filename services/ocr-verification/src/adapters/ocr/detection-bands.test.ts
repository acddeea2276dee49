import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bandsOf, mergeBandLines, type DetectionBand } from "./detection-bands.js";
import type { LineImage } from "./line-reading.js";

/** A line image standing for a box; only its corners matter here. */
function line(x0: number, y0: number, x1: number, y1: number, label: number): LineImage {
  return { corners: [{ x: x0, y: y0 }, { x: x1, y: y0 }, { x: x1, y: y1 }, { x: x0, y: y1 }], width: 8, pixels: new Uint8Array([label]) };
}
const labels = (lines: readonly LineImage[]) => lines.map((l) => l.pixels[0]).sort();

describe("detection bands", () => {
  it("cover the page, overlap by the given rows and share it out without gaps", () => {
    const bands = bandsOf(2000, 2, 200);
    assert.deepEqual(bands, [
      { top: 0, bottom: 1100, ownTop: 0, ownBottom: 1000 },
      { top: 900, bottom: 2000, ownTop: 1000, ownBottom: 2000 },
    ]);
    assert.equal(bandsOf(2000, 1).length, 1);
    assert.equal(bandsOf(600, 2).length, 1, "a small page is detected whole");
  });

  it("keep each line once: by its centre, the cut copy at a band's edge dropped, a line on the border not doubled", () => {
    const [top, bottom] = bandsOf(2000, 2, 200) as [DetectionBand, DetectionBand];
    const merged = mergeBandLines([
      {
        band: top,
        lines: [
          line(100, 100, 900, 140, 1), // top only
          line(100, 980, 900, 1018, 2), // centre 999: the top band's, seen whole by both
          line(100, 1060, 900, 1100, 3), // cut by the top band's edge: the bottom band's line
          line(1000, 980, 1800, 1019, 4), // centred on the border: 999.5 here, 1000.5 there
        ],
      },
      {
        band: bottom,
        lines: [
          line(100, 980, 900, 1018, 2),
          line(100, 1060, 900, 1120, 3),
          line(1000, 981, 1800, 1020, 4),
          line(100, 1800, 900, 1840, 5),
        ],
      },
    ]);
    assert.deepEqual(labels(merged), [1, 2, 3, 4, 5]);
    assert.equal(merged.find((l) => l.pixels[0] === 3)?.corners[2].y, 1120, "line 3 comes whole from the bottom band");
  });
});
