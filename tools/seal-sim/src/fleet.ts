// Helpers for running many simulated seals in one process: shared limits, latency figures, bounded retries.

/**
 * At most `limit` tasks run at once; the rest wait in arrival order. Shared by thousands of simulators so
 * a fleet that wakes up together sends a bounded number of photo uploads (or connects) at a time instead of
 * one per device.
 */
export class Limiter {
  readonly #limit: number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error("a limiter needs a whole number limit of at least 1");
    this.#limit = limit;
  }

  /** Tasks running now. */
  get running(): number {
    return this.#running;
  }

  /** Tasks waiting for a free slot. */
  get waiting(): number {
    return this.#waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#running += 1;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiter, so `running` never dips while others wait.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running -= 1;
    }
  }
}

/** The value below which `p` (0..1) of the samples lie (nearest rank); undefined without samples. */
export function percentile(samples: readonly number[], p: number): number | undefined {
  if (samples.length === 0) return undefined;
  if (!(p >= 0 && p <= 1)) throw new Error("a percentile is between 0 and 1");
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1];
}

/** Runs `task` over `items` with at most `limit` at a time; results keep the items' order. */
export async function inBatches<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index] as T, index);
      }
    }),
  );
  return results;
}

/**
 * Runs `task` up to `attempts` times while `retryable(error)` says the failure is passing (an overloaded
 * platform answering 503, a connect that timed out), waiting `delayMs`, doubled each time (with jitter, so a
 * fleet that failed together does not retry together). The last error is thrown.
 */
export async function withRetries<T>(
  task: () => Promise<T>,
  options: { attempts: number; delayMs: number; retryable: (error: unknown) => boolean; onRetry?: (error: unknown) => void },
): Promise<T> {
  let delay = options.delayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      if (attempt >= options.attempts || !options.retryable(error)) throw error;
      options.onRetry?.(error);
      await new Promise((resolve) => setTimeout(resolve, delay * (0.5 + Math.random())));
      delay *= 2;
    }
  }
}

/** Wall time of named phases, in seconds with one decimal, in the order they ended. */
export class PhaseClock {
  readonly #phases: Record<string, number> = {};
  #since: number;

  constructor(readonly now: () => number = Date.now) {
    this.#since = now();
  }

  /** Ends the current phase under `name` and starts the next one; returns the phase's seconds. */
  lap(name: string): number {
    const at = this.now();
    const seconds = Math.round((at - this.#since) / 100) / 10;
    this.#phases[name] = seconds;
    this.#since = at;
    return seconds;
  }

  get phases(): Readonly<Record<string, number>> {
    return { ...this.#phases };
  }
}
