import { invalidArgument } from "../errors/errors.js";

/**
 * How a bus retries a handler that threw: exponential backoff with full jitter, capped. A passing fault
 * (see {@link isPassingFault}) is retried for as long as it lasts; any other failure is retried until it
 * happened `maxAttempts` times, and then the message goes to its group's dead-letter topic.
 */
export interface RetryPolicy {
  /** Delay before the second attempt (default 200 ms). */
  readonly initialMs?: number;
  /** Upper bound of any delay (default 30 s). */
  readonly maxMs?: number;
  /**
   * Failures that are not passing faults a message may have before it is dead-lettered (default
   * {@link DEFAULT_MAX_ATTEMPTS}); passing faults do not count. A positive integer.
   */
  readonly maxAttempts?: number;
  /** While a passing fault lasts, every `reportEvery`-th attempt is logged at error level (default 10). */
  readonly reportEvery?: number;
}

/** Default of {@link RetryPolicy.maxAttempts}: with the default backoff, about a minute of retries. */
export const DEFAULT_MAX_ATTEMPTS = 10;

/** The policy with defaults filled in; a bad bound is an InvalidArgument naming the field. */
export function checkedRetryPolicy(policy: RetryPolicy = {}): Required<RetryPolicy> {
  const checked = {
    initialMs: policy.initialMs ?? 200,
    maxMs: policy.maxMs ?? 30_000,
    maxAttempts: policy.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    reportEvery: policy.reportEvery ?? 10,
  };
  for (const [field, value] of Object.entries(checked)) {
    const positive = field === "initialMs" || field === "maxMs" ? value >= 0 : value >= 1;
    if (!Number.isInteger(value) || !positive) {
      throw invalidArgument(`retry.${field} must be a ${field.endsWith("Ms") ? "non-negative" : "positive"} integer, got ${value}`);
    }
  }
  return checked;
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
