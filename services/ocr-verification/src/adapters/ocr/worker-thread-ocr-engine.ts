import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { internal, resourceExhausted, unavailable, YunxiError, type Logger } from "@yunxi/platform";
import type { OcrEngine, PageImageDecoder, PageReading, PreparedPage } from "../../app/ports.js";
import { DEFAULT_DECODER_LIMITS, type PageDecoderLimits } from "../image/sharp-page-decoder.js";
import { bandsOf, mergeBandLines, type DetectionBand } from "./detection-bands.js";
import { assembleReading, type LineImage, type LineText } from "./line-reading.js";
import type { WorkerData, WorkerEngineSpec, WorkerReply, WorkerTask } from "./worker-protocol.js";

/** How the pool is sized and bounded. */
export interface WorkerPoolOptions {
  readonly engine: WorkerEngineSpec;
  /** Worker threads; capped at the number of cores (each already runs a CPU-bound engine). Default 1. */
  readonly workers?: number;
  /** Tasks allowed to wait for a free worker; one more is refused with ResourceExhausted. Default 16. */
  readonly queueLimit?: number;
  /** A task running longer than this ends its worker (which is replaced) and fails with Unavailable. Default 120 s. */
  readonly taskTimeoutMs?: number;
  readonly decoderLimits?: PageDecoderLimits;
  readonly logger?: Logger;
  /**
   * How a split page is detected: whole, by one worker whose detector uses every core while the
   * others wait (default), or in one band per worker, each on its own core. Bands were measured no
   * faster on the 2-core VM (dense sample pages 1.76–2.06 s against 1.83–2.07 s, load ≈ 3) and they
   * change what the detector finds next to the seal (a short line there was missed twice in 54 pages).
   */
  readonly splitDetection?: "bands" | "whole";
}

/** What the pool is doing, for health checks and tests. */
export interface WorkerPoolStats {
  readonly workers: number;
  readonly busy: number;
  readonly queued: number;
  /** Workers started to replace one that exited or hung. */
  readonly replaced: number;
}

type Op =
  | { op: "prepare"; bytes: Uint8Array }
  | { op: "read"; page: PreparedPage }
  | { op: "detect"; page: PreparedPage; band?: DetectionBand }
  | { op: "recognise"; lines: readonly LineImage[] };

interface Task {
  readonly id: number;
  readonly op: Op;
  /** Buffers moved to the worker instead of copied (the caller no longer needs them). */
  readonly transfer: ArrayBuffer[];
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  /** Resolves when the task has an outcome, whichever it is. */
  readonly settled: Promise<void>;
}

interface Slot {
  readonly worker: Worker;
  task: Task | undefined;
  timer: NodeJS.Timeout | undefined;
}

const RESPAWN_DELAY_MS = 1000;

/**
 * Runs OCR (and image decoding) in worker threads, so a page being read never blocks the event
 * loop that serves gRPC. At most one worker per core; pages wait in a bounded queue. A worker that
 * crashes or hangs is replaced and only the page it was reading fails. Bad input fails its own task:
 * the worker reports the error and serves the next page.
 */
export class WorkerThreadOcrEngine implements OcrEngine, PageImageDecoder {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private replaced = 0;
  private starting = 0;
  private closing = false;
  private respawnTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly data: WorkerData,
    private readonly size: number,
    private readonly queueLimit: number,
    private readonly taskTimeoutMs: number,
    private readonly logger: Logger | undefined,
    readonly name: string,
    readonly reviewOnly: boolean,
    private readonly splits: boolean,
    private readonly wholeDetection: boolean,
  ) {}

  /** Starts the workers and waits until each has opened its engine; fails if any cannot. */
  static async open(options: WorkerPoolOptions): Promise<WorkerThreadOcrEngine> {
    const size = Math.max(1, Math.min(options.workers ?? 1, availableParallelism()));
    const whole = options.splitDetection !== "bands";
    // Detected whole, a page's detector may use every core: the other workers wait for its lines meanwhile.
    const engine: WorkerEngineSpec = whole && options.engine.kind === "paddle" && size >= 2 ? { ...options.engine, options: { detectionThreads: size, ...options.engine.options } } : options.engine;
    const data: WorkerData = { engine, decoderLimits: options.decoderLimits ?? DEFAULT_DECODER_LIMITS };
    const started = await Promise.allSettled(Array.from({ length: size }, () => startWorker(data)));
    const failed = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
    const workers = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    if (failed || workers.length === 0) {
      await Promise.all(workers.map((w) => w.worker.terminate()));
      throw unavailable(`the OCR engine could not start: ${failed?.reason instanceof Error ? failed.reason.message : String(failed?.reason)}`, { cause: failed?.reason });
    }
    const first = workers[0] as StartedWorker;
    const pool = new WorkerThreadOcrEngine(data, size, options.queueLimit ?? 16, options.taskTimeoutMs ?? 120_000, options.logger, first.name, first.reviewOnly, first.splits, whole);
    for (const w of workers) pool.adopt(w.worker);
    return pool;
  }

  /** Decodes and checks untrusted image bytes in a worker (InvalidArgument for malformed or oversized input). */
  prepare(bytes: Uint8Array): Promise<PreparedPage> {
    return this.submit({ op: "prepare", bytes }) as Promise<PreparedPage>;
  }

  /**
   * Reads a page. With two or more workers and an engine that can (PaddleOCR), the page is split: one
   * worker detects its lines (or each worker one band of it, see `splitDetection`), then the workers
   * recognise all the lines in parallel, balanced by line width: recognition is three quarters of a
   * page, and one-thread workers in parallel use two cores better than one two-thread engine.
   */
  read(page: PreparedPage): Promise<PageReading> {
    if (this.splits && this.size >= 2) return this.readSplit(page);
    return this.submit({ op: "read", page }) as Promise<PageReading>;
  }

  private async readSplit(page: PreparedPage): Promise<PageReading> {
    // The page is admitted (or refused) once, as a whole: refusing half of it would waste the other.
    if (this.queue.length >= this.queueLimit) return Promise.reject(this.queueFull());
    const bands = bandsOf(page.height, this.wholeDetection ? 1 : Math.max(1, this.slots.length));
    const found = await Promise.all(bands.map(async (band) => ({ band, lines: (await this.submit({ op: "detect", page, band }, { admitted: true })) as LineImage[] })));
    const lines = mergeBandLines(found);
    const texts: LineText[] = new Array<LineText>(lines.length);
    await Promise.all(
      balance(lines, Math.max(1, this.slots.length)).map(async (indices) => {
        const part = indices.map((i) => lines[i] as LineImage);
        const read = (await this.submit({ op: "recognise", lines: part }, { admitted: true, transfer: part.flatMap((l) => transferable(l.pixels)) })) as LineText[];
        indices.forEach((i, k) => {
          texts[i] = read[k] as LineText;
        });
      }),
    );
    return assembleReading(this.name, lines, texts);
  }

  stats(): WorkerPoolStats {
    return { workers: this.slots.length, busy: this.slots.filter((s) => s.task).length, queued: this.queue.length, replaced: this.replaced };
  }

  /** Refuses new pages, fails the queued ones, lets the pages being read finish, then stops the workers. */
  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.respawnTimer);
    for (const task of this.queue.splice(0)) task.reject(unavailable("the OCR engine is shutting down"));
    await Promise.allSettled(this.slots.map((slot) => slot.task?.settled));
    await Promise.all([...this.slots].map((slot) => stopWorker(slot.worker)));
    this.slots.length = 0;
  }

  private submit(op: Op, options: { admitted?: boolean; transfer?: ArrayBuffer[] } = {}): Promise<unknown> {
    if (this.closing) return Promise.reject(unavailable("the OCR engine is shutting down"));
    // While a crashed worker is being replaced, pages wait for it in the queue.
    if (this.slots.length === 0 && this.starting === 0) return Promise.reject(unavailable("no OCR worker is running"));
    if (this.queue.length >= this.queueLimit && !options.admitted) return Promise.reject(this.queueFull());
    let resolve!: (value: unknown) => void;
    let reject!: (error: Error) => void;
    const result = new Promise<unknown>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.queue.push({ id: this.nextId++, op, transfer: options.transfer ?? [], resolve, reject, settled: result.then(() => undefined, () => undefined) });
    this.dispatch();
    return result;
  }

  private queueFull() {
    return resourceExhausted(`the OCR queue is full (${this.queueLimit} pages waiting); try again later`);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.task) continue;
      const task = this.queue.shift();
      if (!task) return;
      slot.task = task;
      slot.timer = setTimeout(() => {
        this.logger?.warn({ op: task.op.op, timeoutMs: this.taskTimeoutMs }, "ocr worker timed out, replacing it");
        void slot.worker.terminate();
      }, this.taskTimeoutMs);
      // Pages are copied, not transferred: the caller keeps using them (seal boxes, ink ratio).
      slot.worker.postMessage({ id: task.id, ...task.op } satisfies WorkerTask, task.transfer);
    }
  }

  private adopt(worker: Worker): void {
    const slot: Slot = { worker, task: undefined, timer: undefined };
    this.slots.push(slot);
    worker.on("message", (reply: WorkerReply) => {
      const task = slot.task;
      if (!task || (reply.type !== "done" && reply.type !== "error") || reply.id !== task.id) return;
      clearTimeout(slot.timer);
      slot.task = undefined;
      if (reply.type === "done") task.resolve(reply.value);
      else task.reject(reply.kind === "Internal" ? internal(`OCR failed: ${reply.message}`) : new YunxiError(reply.kind, reply.message, { violations: reply.violations }));
      this.dispatch();
    });
    // An uncaught exception is followed by 'exit'; handling it here keeps it from crashing the process.
    worker.on("error", (error) => this.logger?.error({ err: error.message }, "ocr worker failed"));
    worker.on("exit", (code) => {
      clearTimeout(slot.timer);
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      slot.task?.reject(unavailable("the OCR worker stopped while reading this page; it is being replaced"));
      slot.task = undefined;
      if (this.closing) return;
      this.logger?.warn({ code }, "ocr worker exited, replacing it");
      this.respawn();
    });
  }

  private respawn(): void {
    this.starting++;
    startWorker(this.data).then(
      (started) => {
        this.starting--;
        if (this.closing) {
          void started.worker.terminate();
          return;
        }
        this.replaced++;
        this.adopt(started.worker);
        this.dispatch();
      },
      (error: unknown) => {
        this.starting--;
        this.logger?.error({ err: error instanceof Error ? error.message : String(error) }, "ocr worker could not restart");
        if (this.slots.length === 0) for (const task of this.queue.splice(0)) task.reject(unavailable("no OCR worker is running"));
        if (!this.closing && this.slots.length < this.size) {
          this.respawnTimer = setTimeout(() => this.respawn(), RESPAWN_DELAY_MS);
          this.respawnTimer.unref();
        }
      },
    );
  }
}

interface StartedWorker {
  readonly worker: Worker;
  readonly name: string;
  readonly reviewOnly: boolean;
  readonly splits: boolean;
}

/** Splits lines into `parts` groups of about equal total width (recognition time follows width). */
function balance(lines: readonly LineImage[], parts: number): number[][] {
  const groups: { indices: number[]; load: number }[] = Array.from({ length: Math.min(parts, Math.max(lines.length, 1)) }, () => ({ indices: [], load: 0 }));
  const order = lines.map((_, i) => i).sort((a, b) => (lines[b] as LineImage).width - (lines[a] as LineImage).width);
  for (const i of order) {
    const lightest = groups.reduce((min, g) => (g.load < min.load ? g : min));
    lightest.indices.push(i);
    lightest.load += (lines[i] as LineImage).width;
  }
  return groups.filter((g) => g.indices.length > 0).map((g) => g.indices);
}

function transferable(pixels: Uint8Array): ArrayBuffer[] {
  const buffer = pixels.buffer;
  return buffer instanceof ArrayBuffer && pixels.byteOffset === 0 && pixels.byteLength === buffer.byteLength ? [buffer] : [];
}

/** Asks a worker to release its engine, then ends the thread (after a grace period at most). */
async function stopWorker(worker: Worker): Promise<void> {
  let grace: NodeJS.Timeout | undefined;
  const released = new Promise<void>((resolve) => {
    worker.once("message", () => resolve()).once("exit", () => resolve());
    grace = setTimeout(resolve, 5000);
  });
  worker.postMessage({ id: 0, op: "close" } satisfies WorkerTask);
  await released;
  clearTimeout(grace);
  await worker.terminate();
}

/** Starts one worker and waits for its engine to open. */
function startWorker(data: WorkerData): Promise<StartedWorker> {
  const worker = spawn(data);
  return new Promise((resolve, reject) => {
    const onMessage = (reply: WorkerReply) => {
      if (reply.type === "ready") {
        cleanup();
        resolve({ worker, name: reply.name, reviewOnly: reply.reviewOnly, splits: reply.splits });
      } else if (reply.type === "failed") {
        cleanup();
        void worker.terminate();
        reject(new Error(reply.message));
      }
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`the OCR worker exited with code ${code} while starting`));
    };
    const cleanup = () => worker.off("message", onMessage).off("error", onError).off("exit", onExit);
    worker.on("message", onMessage).on("error", onError).on("exit", onExit);
  });
}

function spawn(data: WorkerData): Worker {
  const here = import.meta.url;
  if (here.endsWith(".ts")) {
    // Run from source (tsx: tests, bench, CLI): the worker thread must be taught TypeScript too.
    const tsx = import.meta.resolve("tsx/esm/api");
    const entry = new URL("./ocr-worker.ts", here).href;
    return new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, { eval: true, workerData: data });
  }
  return new Worker(new URL("./ocr-worker.js", here), { workerData: data });
}
