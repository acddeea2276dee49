import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { groupIntoLines, type PlacedText, type Point } from "./reading-order.js";

/** A box of the given size whose top-left corner is at (x, y) on a page turned by `degrees` about the origin. */
function box(text: string, x: number, y: number, width: number, height: number, degrees: number): PlacedText {
  const a = (degrees * Math.PI) / 180;
  const turn = (px: number, py: number): Point => ({ x: px * Math.cos(a) - py * Math.sin(a), y: px * Math.sin(a) + py * Math.cos(a) });
  return { text, confidence: 1, corners: [turn(x, y), turn(x + width, y), turn(x + width, y + height), turn(x, y + height)] };
}

const texts = (lines: PlacedText[][]) => lines.map((line) => line.map((b) => b.text).join(" "));

describe("groupIntoLines", () => {
  // A three-row table, 40 px rows, cells 200 px apart, on a page turned by 2.5°: across the 1000 px
  // width the slant moves a row's right end 44 px down, more than a whole row.
  const table = (degrees: number) => [
    box("clause line that sets the slant of the page", 0, -60, 1100, 30, degrees),
    ...[0, 1, 2].flatMap((row) => ["a", "b", "c", "d", "e", "f"].map((col, i) => box(`${col}${row}`, i * 200, row * 40, 60, 28, degrees))),
  ];

  it("keeps the cells of each table row together on a turned page", () => {
    for (const degrees of [-2.5, 0, 2.5]) {
      const lines = texts(groupIntoLines([...table(degrees)].reverse()));
      assert.deepEqual(lines, ["clause line that sets the slant of the page", "a0 b0 c0 d0 e0 f0", "a1 b1 c1 d1 e1 f1", "a2 b2 c2 d2 e2 f2"], `at ${degrees}°`);
    }
  });

  it("sorting by top edge alone would interleave the rows (why the skew is estimated)", () => {
    const sorted = [...table(2.5)].sort((p, q) => p.corners[0].y - q.corners[0].y).map((b) => b.text);
    assert.notDeepEqual(sorted.slice(1, 7), ["a0", "b0", "c0", "d0", "e0", "f0"]);
  });

  it("returns nothing for no boxes and one line for one box", () => {
    assert.deepEqual(groupIntoLines([]), []);
    assert.deepEqual(texts(groupIntoLines([box("x", 0, 0, 10, 10, 0)])), ["x"]);
  });
});
