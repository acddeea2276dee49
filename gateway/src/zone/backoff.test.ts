import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { exponentialBackoff } from "./backoff.js";

describe("exponentialBackoff", () => {
  it("doubles per attempt up to the cap, jittered within the upper half of each step", () => {
    const low = exponentialBackoff({ initialMs: 100, maxMs: 1000, random: () => 0 });
    const high = exponentialBackoff({ initialMs: 100, maxMs: 1000, random: () => 0.999999 });
    assert.deepEqual([0, 1, 2, 3, 4, 10, 1000].map((a) => low.delayMs(a)), [50, 100, 200, 400, 500, 500, 500]);
    assert.deepEqual([0, 1, 2, 3, 4, 10, 1000].map((a) => high.delayMs(a)), [100, 200, 400, 800, 1000, 1000, 1000]);
  });

  it("spreads zones out: different random draws give different delays for the same attempt", () => {
    const draws = [0.1, 0.5, 0.9];
    const delays = draws.map((r) => exponentialBackoff({ initialMs: 1000, maxMs: 30_000, random: () => r }).delayMs(3));
    assert.equal(new Set(delays).size, 3);
    for (const delay of delays) assert.ok(delay >= 4000 && delay <= 8000, String(delay));
  });

  it("refuses nonsense bounds", () => {
    assert.throws(() => exponentialBackoff({ initialMs: 0, maxMs: 10 }), RangeError);
    assert.throws(() => exponentialBackoff({ initialMs: 100, maxMs: 10 }), RangeError);
  });
});
