import { threadId } from "node:worker_threads";
import type { OcrEngine, PageReading, PreparedPage } from "../app/ports.js";

/** Page widths that make the scripted engine misbehave, as a worker's engine can. */
export const SCRIPT = Object.freeze({ crash: 64, hang: 65, throwPlain: 66, slow: 67 });

/**
 * A stand-in engine for the worker pool's own tests (loaded in the worker through the `module`
 * engine kind): it answers with its thread id, and on given page widths it ends its thread, hangs,
 * throws a plain error or takes 300 ms.
 */
export async function openEngine(): Promise<OcrEngine> {
  return {
    name: "scripted",
    reviewOnly: false,
    async read(page: PreparedPage): Promise<PageReading> {
      if (page.width === SCRIPT.crash) process.exit(3);
      if (page.width === SCRIPT.hang) await new Promise(() => undefined);
      if (page.width === SCRIPT.throwPlain) throw new Error("engine fault");
      if (page.width === SCRIPT.slow) await new Promise((resolve) => setTimeout(resolve, 300));
      const text = `thread ${threadId}`;
      return { engine: "scripted", text, lines: [{ text, confidence: 1 }] };
    },
    async close() {},
  };
}
