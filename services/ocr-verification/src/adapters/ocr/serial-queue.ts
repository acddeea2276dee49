/**
 * Runs tasks one at a time. An OCR engine already uses every core it is given, so two pages in
 * parallel in one process only compete for the same cores and double the peak memory.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    // The chain must not stay rejected, or every later task would see the earlier failure.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
