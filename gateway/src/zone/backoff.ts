/** Delays between redial attempts: exponential, capped, with jitter so zones that lost the central together do not redial in lockstep. */
export interface ReconnectBackoff {
  /** The delay before attempt `attempt` (0 = first retry after a failure). */
  delayMs(attempt: number): number;
}

export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
  /** A number in [0, 1); injectable for tests. */
  readonly random?: () => number;
}

/**
 * "Equal jitter": half of the exponential step is fixed, the other half random. The fixed half keeps a
 * broken central from being hammered; the random half spreads a crowd of zones out.
 */
export function exponentialBackoff(options: BackoffOptions): ReconnectBackoff {
  const random = options.random ?? Math.random;
  if (options.initialMs <= 0 || options.maxMs < options.initialMs) throw new RangeError("backoff needs 0 < initialMs <= maxMs");
  return {
    delayMs(attempt) {
      const step = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(Math.max(0, attempt), 30));
      return Math.round(step / 2 + random() * (step / 2));
    },
  };
}
