/**
 * Polls `probe` until it returns a value (not undefined) and returns it; fails naming `what` after `ms`.
 * For tests that wait on something asynchronous they cannot subscribe to (a log line, a reconnect).
 */
export async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 10_000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
