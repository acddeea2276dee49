import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inBatches, Limiter, PhaseClock, percentile, withRetries } from "./fleet.js";
import { endpointOf } from "./platform-run.js";

describe("seal-sim fleet helpers", () => {
  it("a limiter runs at most its limit at once and every task in arrival order", async () => {
    const limiter = new Limiter(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const tasks = [0, 1, 2, 3, 4].map((i) =>
      limiter.run(async () => {
        started.push(i);
        running += 1;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running -= 1;
        return i * 10;
      }),
    );
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    await tick();
    assert.deepEqual(started, [0, 1]);
    assert.equal(limiter.running, 2);
    assert.equal(limiter.waiting, 3);
    for (let round = 0; round < 10 && releases.length > 0; round++) {
      releases.shift()?.();
      await tick();
      assert.ok(limiter.running <= 2);
    }
    assert.deepEqual(await Promise.all(tasks), [0, 10, 20, 30, 40]);
    assert.equal(peak, 2);
    assert.deepEqual(started, [0, 1, 2, 3, 4]);
    assert.equal(limiter.running, 0);
    assert.equal(limiter.waiting, 0);
  });

  it("a limiter frees the slot of a task that failed", async () => {
    const limiter = new Limiter(1);
    await assert.rejects(limiter.run(() => Promise.reject(new Error("boom"))), /boom/);
    assert.equal(await limiter.run(() => Promise.resolve("next")), "next");
    assert.throws(() => new Limiter(0), /at least 1/);
  });

  it("percentiles are nearest-rank over the samples", () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    assert.equal(percentile(samples, 0.5), 50);
    assert.equal(percentile(samples, 0.95), 95);
    assert.equal(percentile(samples, 1), 100);
    assert.equal(percentile([7], 0.5), 7);
    assert.equal(percentile([], 0.5), undefined);
    assert.throws(() => percentile([1], 1.5), /between 0 and 1/);
  });

  it("in batches keeps the order of results and never runs more than the limit", async () => {
    let running = 0;
    let peak = 0;
    const results = await inBatches([5, 1, 4, 2, 3], 2, async (n, i) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, n));
      running -= 1;
      return `${i}:${n}`;
    });
    assert.deepEqual(results, ["0:5", "1:1", "2:4", "3:2", "4:3"]);
    assert.equal(peak, 2);
  });

  it("retries only passing failures, at most the number of attempts, and throws the last error", async () => {
    let calls = 0;
    const retried: unknown[] = [];
    const value = await withRetries(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error(`busy ${calls}`);
        return "done";
      },
      { attempts: 5, delayMs: 1, retryable: (e) => e instanceof Error && e.message.startsWith("busy"), onRetry: (e) => retried.push(e) },
    );
    assert.equal(value, "done");
    assert.equal(calls, 3);
    assert.equal(retried.length, 2);

    calls = 0;
    await assert.rejects(withRetries(async () => { calls += 1; throw new Error(`busy ${calls}`); }, { attempts: 3, delayMs: 1, retryable: () => true }), /busy 3/);
    calls = 0;
    await assert.rejects(withRetries(async () => { calls += 1; throw new Error("refused"); }, { attempts: 3, delayMs: 1, retryable: () => false }), /refused/);
    assert.equal(calls, 1);
  });

  it("a phase clock reports each phase's seconds in order", () => {
    let now = 1000;
    const clock = new PhaseClock(() => now);
    now += 2340;
    assert.equal(clock.lap("provisioning"), 2.3);
    now += 500;
    clock.lap("approvals");
    assert.deepEqual(clock.phases, { provisioning: 2.3, approvals: 0.5 });
    assert.deepEqual(Object.keys(clock.phases), ["provisioning", "approvals"]);
  });

  it("latency figures group calls by endpoint, ids replaced", () => {
    assert.equal(endpointOf("GET", "/api/v1/devices/dev-2f1c9d3e-1b2a-4c5d-8e9f-0a1b2c3d4e5f/records"), "GET /api/v1/devices/{id}/records");
    assert.equal(endpointOf("POST", "/api/v1/applications/2F1C9D3E-1B2A-4C5D-8E9F-0A1B2C3D4E5F/approve"), "POST /api/v1/applications/{id}/approve");
    assert.equal(endpointOf("PUT", "/api/v1/seals/2f1c9d3e-1b2a-4c5d-8e9f-0a1b2c3d4e5f/device"), "PUT /api/v1/seals/{id}/device");
    assert.equal(endpointOf("GET", "/api/v1/devices"), "GET /api/v1/devices");
  });
});
