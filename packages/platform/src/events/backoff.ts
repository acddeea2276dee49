
/** How a bus retries a handler that threw: exponential backoff with full jitter, capped. */
export interface RetryPolicy {
  /** Delay before the second attempt (default 200 ms). */
  readonly initialMs?: number;
  /** Upper bound of any delay (default 30 s). */
  readonly maxMs?: number;
}

/** Delay before attempt `attempt + 1`, after `attempt` failures (attempt ≥ 1). */
export function backoffDelay(attempt: number, policy: RetryPolicy = {}): number {
  const initial = policy.initialMs ?? 200;
  const max = policy.maxMs ?? 30_000;
  const ceiling = Math.min(max, initial * 2 ** Math.min(attempt - 1, 30));
  // Jitter keeps many consumers that failed together from retrying in lockstep.
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/** A latch that wakes sleepers early, e.g. when a subscription is closed or new work arrives. */
export class Wakeup {
  #waiters = new Set<() => void>();

  /** Resolves after `ms` or at the next `wake()`, whichever comes first. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#waiters.add(done);
    });
  }

  wake(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}

export { withTimeout } from "../util/with-timeout.js";
