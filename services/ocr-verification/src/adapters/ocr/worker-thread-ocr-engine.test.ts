import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import { after, before, describe, it } from "node:test";
import { isYunxiError } from "@yunxi/platform";
import type { PreparedPage } from "../../app/ports.js";
import { characterErrorRate, normaliseContent } from "../../domain/text.js";
import { imageOf, pageOf, samplePages } from "../../testing/samples.js";
import { SCRIPT } from "../../testing/scripted-ocr-engine.js";
import { WorkerThreadOcrEngine } from "./worker-thread-ocr-engine.js";

const scripted = { kind: "module", url: new URL("../../testing/scripted-ocr-engine.js", import.meta.url).href.replace(/\.js$/, import.meta.url.endsWith(".ts") ? ".ts" : ".js") } as const;
const page = (width: number): PreparedPage => ({ width, height: 64, pixels: new Uint8Array(width * 64), inkRatio: 0.05, sealBoxes: [] });
const isKind = (kind: string) => (error: unknown) => isYunxiError(error) && error.kind === kind;

describe("WorkerThreadOcrEngine with the scripted engine", { timeout: 60_000 }, () => {
  it("replaces a worker that exits; only the page it was reading fails", async () => {
    const pool = await WorkerThreadOcrEngine.open({ engine: scripted, workers: 1 });
    try {
      const before = (await pool.read(page(100))).text;
      const crashed = pool.read(page(SCRIPT.crash));
      const queued = pool.read(page(100));
      await assert.rejects(crashed, isKind("Unavailable"));
      const afterCrash = (await queued).text;
      assert.notEqual(afterCrash, before, "the queued page is read by a new worker thread");
      assert.deepEqual(pool.stats(), { workers: 1, busy: 0, queued: 0, replaced: 1 });
    } finally {
      await pool.close();
    }
  });

  it("ends and replaces a worker that hangs past the task timeout", async () => {
    const pool = await WorkerThreadOcrEngine.open({ engine: scripted, workers: 1, taskTimeoutMs: 500 });
    try {
      await assert.rejects(pool.read(page(SCRIPT.hang)), isKind("Unavailable"));
      assert.match((await pool.read(page(100))).text, /^thread \d+$/);
      assert.equal(pool.stats().replaced, 1);
    } finally {
      await pool.close();
    }
  });

  it("reports an engine fault as Internal and keeps the worker", async () => {
    const pool = await WorkerThreadOcrEngine.open({ engine: scripted, workers: 1 });
    try {
      const first = (await pool.read(page(100))).text;
      await assert.rejects(pool.read(page(SCRIPT.throwPlain)), isKind("Internal"));
      assert.equal((await pool.read(page(100))).text, first);
      assert.equal(pool.stats().replaced, 0);
    } finally {
      await pool.close();
    }
  });

  it("refuses a page with ResourceExhausted when the queue is full, and serves the rest", async () => {
    const pool = await WorkerThreadOcrEngine.open({ engine: scripted, workers: 1, queueLimit: 2 });
    try {
      const accepted = [pool.read(page(SCRIPT.slow)), pool.read(page(100)), pool.read(page(100))];
      await assert.rejects(pool.read(page(100)), isKind("ResourceExhausted"));
      assert.equal((await Promise.all(accepted)).length, 3);
    } finally {
      await pool.close();
    }
  });

  it("uses at most one worker per core, spreads pages over them, and fails queued pages on close", async () => {
    const pool = await WorkerThreadOcrEngine.open({ engine: scripted, workers: 64 });
    assert.equal(pool.stats().workers, Math.min(64, availableParallelism()));
    const threads = new Set((await Promise.all(Array.from({ length: 4 }, () => pool.read(page(SCRIPT.slow))))).map((r) => r.text));
    assert.equal(threads.size, pool.stats().workers);
    const running = pool.read(page(SCRIPT.slow));
    const waiting = Array.from({ length: pool.stats().workers }, () => pool.read(page(100)));
    await pool.close();
    await running;
    const outcomes = await Promise.allSettled(waiting);
    assert.ok(outcomes.some((o) => o.status === "rejected" && isKind("Unavailable")(o.reason)), "a queued page fails when the pool closes");
    await assert.rejects(pool.read(page(100)), isKind("Unavailable"));
  });

  it("fails to open with Unavailable when the engine cannot start", async () => {
    await assert.rejects(WorkerThreadOcrEngine.open({ engine: { kind: "module", url: "file:///nonexistent/engine.js" } }), isKind("Unavailable"));
  });
});

describe("WorkerThreadOcrEngine with PaddleOCR: bad input fails its task, not the worker", { timeout: 120_000 }, () => {
  let pool: WorkerThreadOcrEngine;
  let oneWorkerReading: string | undefined;
  before(async () => {
    pool = await WorkerThreadOcrEngine.open({ engine: { kind: "paddle", options: { threads: 1 } }, workers: 1, decoderLimits: { maxBytes: 4 * 1024 * 1024, maxPixels: 20_000_000, maxLongSide: 2400 } });
  });
  after(async () => {
    await pool?.close();
  });

  it("refuses malformed, truncated and oversized images and mismatched pages, then reads a real photo", async () => {
    const photo = await imageOf(pageOf(await samplePages(), "p02_lease"), "photo");
    const invalid = isKind("InvalidArgument");
    await assert.rejects(pool.prepare(new TextEncoder().encode("not an image at all")), invalid);
    await assert.rejects(pool.prepare(photo.subarray(0, photo.length / 2)), invalid);
    await assert.rejects(pool.prepare(new Uint8Array(5 * 1024 * 1024)), invalid);
    // A PNG header claiming 100k × 100k pixels: refused from the header, nothing allocated.
    await assert.rejects(pool.prepare(pixelBombPng()), invalid);
    await assert.rejects(pool.read({ ...page(100), pixels: new Uint8Array(10) }), invalid);
    await assert.rejects(pool.read({ ...page(100), width: 0 }), invalid);
    await assert.rejects(pool.read({ width: 5000, height: 5000, pixels: new Uint8Array(1), inkRatio: 0, sealBoxes: [] }), invalid);

    const prepared = await pool.prepare(photo);
    const reading = await pool.read(prepared);
    assert.match(normaliseContent(reading.text), /房屋租赁合同/);
    assert.equal(reading.engine, "paddle-onnx-ppocrv4");
    assert.deepEqual(pool.stats(), { workers: 1, busy: 0, queued: 0, replaced: 0 });
    oneWorkerReading = reading.text;
  });

  it("reads the same text when two workers share a page (one detects, both recognise)", async () => {
    assert.ok(availableParallelism() >= 2, "this test needs two cores: the pool never runs more workers than cores");
    const split = await WorkerThreadOcrEngine.open({ engine: { kind: "paddle", options: { threads: 1 } }, workers: 2 });
    try {
      assert.equal(split.stats().workers, 2);
      const photo = await imageOf(pageOf(await samplePages(), "p02_lease"), "photo");
      const reading = await split.read(await split.prepare(photo));
      assert.ok(oneWorkerReading, "the one-worker reading comes from the test before");
      assert.equal(reading.text, oneWorkerReading);
    } finally {
      await split.close();
    }
  });

  it("reads a page as well when each worker detects a band of it", async () => {
    assert.ok(availableParallelism() >= 2, "this test needs two cores: the pool never runs more workers than cores");
    const split = await WorkerThreadOcrEngine.open({ engine: { kind: "paddle", options: { threads: 1 } }, workers: 2, splitDetection: "bands" });
    try {
      const lease = pageOf(await samplePages(), "p02_lease");
      const reading = await split.read(await split.prepare(await imageOf(lease, "photo")));
      assert.ok(oneWorkerReading, "the one-worker reading comes from the test before");
      // Bands see the page in two pieces, so boxes (and a separator or a space) may differ; the text
      // may not: the same bound as the whole page read by one worker (measured 0.96 % both ways, and 0
      // between the two readings).
      assert.ok(characterErrorRate(reading.text, lease.text) <= 0.02, `split reading CER ${characterErrorRate(reading.text, lease.text)}`);
      assert.ok(characterErrorRate(reading.text, oneWorkerReading) <= 0.01, "the banded reading differs from the one-worker reading");
    } finally {
      await split.close();
    }
  });
});

/** A valid PNG signature and IHDR chunk declaring 100,000 × 100,000 pixels (CRC included), no data. */
function pixelBombPng(): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(100_000, 0);
  ihdr.writeUInt32BE(100_000, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const type = Buffer.from("IHDR");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(13);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, ihdr])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), length, type, ihdr, crc]);
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
