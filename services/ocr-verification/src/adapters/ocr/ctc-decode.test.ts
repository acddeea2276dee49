import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ctcDecode } from "./ctc-decode.js";

// Class 0 is the CTC blank; class i is dictionary[i - 1].
const DICTIONARY = ["甲", "方", "3", "8", "捌", "万"];
const CLASSES = DICTIONARY.length + 1;
const at = (ch: string) => DICTIONARY.indexOf(ch) + 1;

/** One step per entry: the given classes' probabilities, the rest of the mass on the blank. */
function logits(steps: readonly Record<string, number>[]): Float32Array {
  const data = new Float32Array(steps.length * CLASSES);
  steps.forEach((probabilities, t) => {
    let rest = 1;
    for (const [ch, p] of Object.entries(probabilities)) {
      data[t * CLASSES + at(ch)] = p;
      rest -= p;
    }
    data[t * CLASSES] = rest;
  });
  return data;
}

const decode = (steps: readonly Record<string, number>[]) => ctcDecode(logits(steps), steps.length, CLASSES, DICTIONARY);

describe("CTC decoding", () => {
  it("merges repeats, drops blanks and is sure of clearly read numerals", () => {
    const line = decode([{ 甲: 0.99 }, { 甲: 0.98 }, {}, { 方: 0.97 }, { 3: 0.96 }, {}, { 3: 0.95 }]);
    assert.equal(line.text, "甲方33");
    assert.equal(line.doubtfulNumeral, false);
    assert.ok(line.confidence > 0.9);
  });

  it("notes a numeral emitted with a numeral runner-up (3 or 8)", () => {
    const line = decode([{ 甲: 0.99 }, { 3: 0.7, 8: 0.25 }, {}]);
    assert.equal(line.text, "甲3");
    assert.equal(line.doubtfulNumeral, true);
  });

  it("notes a numeral the blank nearly hid (a character CTC may have dropped)", () => {
    const line = decode([{ 万: 0.99 }, { 捌: 0.3 }, { 万: 0.98 }]);
    assert.equal(line.text, "万万");
    assert.equal(line.doubtfulNumeral, true);
  });

  it("does not count the tail of a numeral already emitted, nor hesitation over other characters", () => {
    assert.equal(decode([{ 3: 0.99 }, { 3: 0.3 }, {}]).doubtfulNumeral, false);
    const line = decode([{ 甲: 0.6, 方: 0.35 }, {}, { 方: 0.4 }]);
    assert.equal(line.text, "甲");
    assert.equal(line.doubtfulNumeral, false);
  });
});
