import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import mqtt, { type MqttClient } from "mqtt";
import { DeviceCore, initialState, type CommandOutcome, type DeviceState, type Photo, type PressResult } from "./device-core.js";
import type { Limiter } from "./fleet.js";
import { topicsOf } from "./protocol.js";

export interface SealSimulatorOptions {
  /** e.g. `mqtt://127.0.0.1:1883`. */
  readonly brokerUrl: string;
  readonly deviceId: string;
  readonly secret: string;
  /** The platform's command key: raw 32 bytes (base64) or SPKI PEM. */
  readonly platformKey: string | Uint8Array;
  /** Where the device's memory lives (queue, sequence, nonces); in memory only when absent. */
  readonly stateFile?: string;
  /** 4 = MQTT 3.1.1 (default; the embedded broker speaks only that), 5 = MQTT 5. */
  readonly protocolVersion?: 4 | 5;
  /** Unacknowledged events are checked this often while connected, and first re-sent after this long. Default 5 s. */
  readonly resendIntervalMs?: number;
  /** An event still unacknowledged waits twice as long before each further re-send, up to this. Default 60 s. */
  readonly maxResendIntervalMs?: number;
  readonly connectTimeoutMs?: number;
  /** Pause before reconnecting after a lost connection. Default 1 s; a fleet spreads it (see platform-run). */
  readonly reconnectPeriodMs?: number;
  readonly now?: () => number;
  /** The platform's HTTP base URL (e.g. `http://127.0.0.1:8080`): impression photos are uploaded there. */
  readonly platformUrl?: string;
  /** `start`/`online` give up (and close the client) when not connected within this. Default 60 s. */
  readonly connectWithinMs?: number;
  /** Photo uploads go through this, shared by a fleet so it sends a bounded number at a time. */
  readonly uploads?: Limiter;
  /** Called when the platform acknowledges an event: its sequence and how long after it was queued. */
  readonly onEventAcked?: (sequence: number, latencyMs: number) => void;
}

/** What the platform said to one photo upload (for tests and the CLI's report). */
export interface PhotoUploadResult {
  readonly sequence: number;
  readonly status: number;
  /** The stored media item's id when the platform accepted the photo. */
  readonly mediaId?: string;
}

/**
 * A simulated smart seal on the real protocol: connects as its device id with its secret (persistent
 * session, QoS 1), says hello on every connect, verifies and acknowledges commands, and sends its events
 * until the platform acknowledges each one. Its state survives restarts through `stateFile`.
 */
export class SealSimulator {
  readonly core: DeviceCore;
  readonly commandLog: CommandOutcome[] = [];
  readonly uploadLog: PhotoUploadResult[] = [];
  readonly #options: SealSimulatorOptions;
  readonly #topics: ReturnType<typeof topicsOf>;
  #client: MqttClient | undefined;
  #resendTimer: NodeJS.Timeout | undefined;
  #listeners = new Set<() => void>();
  #uploading = false;
  /** When each queued event was first seen and last published (in memory: only for pacing and figures). */
  readonly #queuedAt = new Map<number, number>();
  readonly #sentAt = new Map<number, number>();
  /** Publishes of each queued event since the last connect (the re-send back-off). */
  readonly #sends = new Map<number, number>();

  private constructor(options: SealSimulatorOptions) {
    this.#options = options;
    this.#topics = topicsOf(options.deviceId);
    const state = loadState(options.stateFile, options.deviceId);
    this.core = new DeviceCore({
      state,
      platformKey: options.platformKey,
      ...(options.now ? { now: options.now } : {}),
      onChange: (s) => {
        saveState(options.stateFile, s);
        this.#notify();
      },
    });
  }

  /** Creates the simulator (restoring its state file) and connects. */
  static async start(options: SealSimulatorOptions): Promise<SealSimulator> {
    const simulator = new SealSimulator(options);
    await simulator.online();
    return simulator;
  }

  /** Creates the simulator without connecting (e.g. to press while offline first). */
  static offline(options: SealSimulatorOptions): SealSimulator {
    return new SealSimulator(options);
  }

  get state(): Readonly<DeviceState> {
    return this.core.state;
  }

  get connected(): boolean {
    return this.#client?.connected ?? false;
  }

  /** Connects (or reconnects); resolves once connected and subscribed. */
  async online(): Promise<void> {
    if (this.#client) return;
    const client = mqtt.connect(this.#options.brokerUrl, {
      clientId: this.#options.deviceId,
      username: this.#options.deviceId,
      password: this.#options.secret,
      clean: false,
      protocolVersion: this.#options.protocolVersion ?? 4,
      ...(this.#options.protocolVersion === 5 ? { properties: { sessionExpiryInterval: 7 * 24 * 3600 } } : {}),
      reconnectPeriod: this.#options.reconnectPeriodMs ?? 1000,
      connectTimeout: this.#options.connectTimeoutMs ?? 5000,
    });
    await connectedWithin(client, this.#options.connectWithinMs ?? 60_000, this.#options.deviceId);
    this.#client = client;
    client.on("message", (topic, payload) => this.#onMessage(topic, payload));
    client.on("connect", () => void this.#afterConnect());
    await this.#afterConnect();
    this.#resendTimer = setInterval(() => void this.#flush(false), this.#resendIntervalMs);
    this.#resendTimer.unref();
  }

  /** Disconnects; presses still work and queue their events (and the state file keeps them). */
  async offline(): Promise<void> {
    clearInterval(this.#resendTimer);
    const client = this.#client;
    this.#client = undefined;
    if (client) await client.endAsync();
  }

  async stop(): Promise<void> {
    await this.offline();
    this.#listeners.clear();
  }

  press(options: { photoRef?: string; photo?: Photo } = {}): PressResult {
    const result = this.core.press(options);
    void this.#flush(false);
    return result;
  }

  forcedImpression(photoRef?: string): number {
    const sequence = this.core.forcedImpression(photoRef);
    void this.#flush(false);
    return sequence;
  }

  /** Re-publishes every unacknowledged event now (they are re-sent on every connect and timer tick anyway). */
  async flush(): Promise<void> {
    await this.#flush(true);
  }

  /** Waits until `predicate` holds, re-checking after every state change; rejects after `timeoutMs`. */
  waitFor(predicate: (simulator: SealSimulator) => boolean, timeoutMs = 10_000, what = "condition"): Promise<void> {
    if (predicate(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate(this)) return;
        clearTimeout(timer);
        this.#listeners.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#listeners.delete(check);
        reject(new Error(`seal-sim ${this.#options.deviceId}: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.#listeners.add(check);
    });
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  async #afterConnect(): Promise<void> {
    const client = this.#client;
    if (!client) return;
    try {
      await client.subscribeAsync(this.#topics.down, { qos: 1 });
      await client.publishAsync(this.#topics.hello, Buffer.from(this.core.hello()), { qos: 1 });
      await this.#flush(true);
    } catch {
      // Lost the connection meanwhile; the next connect does all of this again.
    }
  }

  get #resendIntervalMs(): number {
    return this.#options.resendIntervalMs ?? 5000;
  }

  /**
   * Publishes the queued events: all of them when `everything` (a new connection), otherwise those whose
   * re-send is due ({@link resendDue}). Re-sending events that are merely in flight would multiply the
   * platform's work exactly when it is slow to acknowledge, across the whole fleet.
   */
  async #flush(everything: boolean): Promise<void> {
    const client = this.#client;
    if (!client?.connected) return;
    void this.#uploadPhotos();
    const now = Date.now();
    for (const event of [...this.core.state.queue]) {
      if (!this.#queuedAt.has(event.sequence)) this.#queuedAt.set(event.sequence, now);
      const sent = this.#sentAt.get(event.sequence);
      const sends = everything ? 0 : (this.#sends.get(event.sequence) ?? 0);
      if (!everything && sent !== undefined && !resendDue(now - sent, sends, this.#resendIntervalMs, this.#options.maxResendIntervalMs ?? 60_000)) continue;
      this.#sentAt.set(event.sequence, now);
      this.#sends.set(event.sequence, sends + 1);
      try {
        await client.publishAsync(this.#topics.events, Buffer.from(event.payload, "base64"), { qos: 1 });
      } catch {
        return;
      }
    }
  }

  /**
   * Uploads waiting photos one after another while online. A photo leaves the queue when the platform
   * stored it (or refuses it for good: 4xx other than 408/429); otherwise it is tried again on the next flush.
   */
  async #uploadPhotos(): Promise<void> {
    const base = this.#options.platformUrl;
    if (!base || this.#uploading || this.core.state.photos.length === 0) return;
    this.#uploading = true;
    try {
      for (const photo of [...this.core.state.photos]) {
        if (!this.#client?.connected) return;
        let status: number;
        let mediaId: string | undefined;
        try {
          const upload = async () => {
            const response = await fetch(`${base.replace(/\/$/, "")}/api/v1/device-photos/${photo.sequence}`, {
              method: "PUT",
              headers: { authorization: `Bearer ${photo.uploadToken}`, "content-type": photo.contentType, "x-yunxi-sha256": photo.sha256 },
              body: Buffer.from(photo.data, "base64"),
              // Longer than the gateway's upload deadline (30 s), so a slow store is answered 503 + Retry-After, not abandoned.
              signal: AbortSignal.timeout(60_000),
            });
            const body = (await response.json().catch(() => ({}))) as { id?: unknown };
            return { status: response.status, id: body.id };
          };
          const answer = this.#options.uploads ? await this.#options.uploads.run(upload) : await upload();
          status = answer.status;
          if (typeof answer.id === "string") mediaId = answer.id;
        } catch {
          return; // unreachable: keep the photo for the next flush
        }
        this.uploadLog.push({ sequence: photo.sequence, status, ...(mediaId ? { mediaId } : {}) });
        const final = (status >= 200 && status < 300) || (status >= 400 && status < 500 && status !== 408 && status !== 429);
        if (!final) return;
        this.core.photoDone(photo.sequence);
      }
    } finally {
      this.#uploading = false;
    }
  }

  #onMessage(topic: string, payload: Buffer): void {
    if (topic === this.#topics.commands) {
      const outcome = this.core.receiveCommand(payload);
      this.commandLog.push(outcome);
      if (outcome.status !== "dropped") void this.#client?.publishAsync(this.#topics.commandAcks, Buffer.from(outcome.ack), { qos: 1 }).catch(() => undefined);
      this.#notify();
    } else if (topic === this.#topics.acks) {
      const before = this.core.state.queue.map((e) => e.sequence);
      if (this.core.receiveEventAck(payload) === 0) return;
      const still = new Set(this.core.state.queue.map((e) => e.sequence));
      const now = Date.now();
      for (const sequence of before) {
        if (still.has(sequence)) continue;
        const queuedAt = this.#queuedAt.get(sequence);
        this.#queuedAt.delete(sequence);
        this.#sentAt.delete(sequence);
        this.#sends.delete(sequence);
        if (queuedAt !== undefined) this.#options.onEventAcked?.(sequence, now - queuedAt);
      }
    }
  }
}

/** CONNACK codes of a refused login: MQTT 3.1.1 bad user name or password / not authorised, MQTT 5 the same two. */
const REFUSED_LOGIN = new Set([2, 4, 5, 133, 134, 135]);

/**
 * Whether an unacknowledged event published `sinceLastSendMs` ago, `sends` times since the connection
 * began, is due again on a resend tick of `intervalMs`: after one interval, then twice as long per further
 * send, up to `maxIntervalMs`. Half a tick of slack, so an event due just after a tick goes on that tick.
 */
export function resendDue(sinceLastSendMs: number, sends: number, intervalMs: number, maxIntervalMs: number): boolean {
  const wait = Math.min(intervalMs * 2 ** Math.max(0, sends - 1), Math.max(intervalMs, maxIntervalMs));
  return sinceLastSendMs >= wait - intervalMs / 2;
}

/** Resolves once `client` is connected; otherwise ends it and rejects after `ms` (or on a refused connect). */
export function connectedWithin(client: MqttClient, ms: number, deviceId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      clearTimeout(timer);
      client.off("connect", onConnect);
      client.off("error", onError);
      if (!error) return resolve();
      client.end(true);
      reject(error);
    };
    const onConnect = () => finish();
    // A refused login is final; a connack timeout or a reset is retried by the client until `ms` (a broker
    // busy checking a fleet's secrets answers late, not never).
    const onError = (error: Error & { code?: unknown }) => {
      if (typeof error.code === "number" && REFUSED_LOGIN.has(error.code)) finish(new Error(`seal-sim ${deviceId}: ${error.message}`));
    };
    const timer = setTimeout(() => finish(new Error(`seal-sim ${deviceId}: not connected within ${ms} ms`)), ms);
    client.on("connect", onConnect);
    client.on("error", onError);
  });
}

function loadState(file: string | undefined, deviceId: string): DeviceState {
  if (!file || !existsSync(file)) return initialState(deviceId);
  const state = JSON.parse(readFileSync(file, "utf8")) as DeviceState;
  if (state.deviceId !== deviceId) throw new Error(`state file ${file} belongs to device ${state.deviceId}`);
  // State files written before photos were queued have no photo queue.
  state.photos ??= [];
  return state;
}

/** Written to a temporary file and renamed, so a crash mid-write never leaves half a state. */
function saveState(file: string | undefined, state: DeviceState): void {
  if (!file) return;
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, JSON.stringify(state), { mode: 0o600 });
  renameSync(temporary, file);
}
