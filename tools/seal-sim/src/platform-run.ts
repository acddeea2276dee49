import { createHash, randomInt, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { inBatches, Limiter, percentile, PhaseClock, withRetries } from "./fleet.js";
import { SealSimulator } from "./seal-simulator.js";

/** What `runAgainstPlatform` reports: counts as the platform reports them, not as the simulator counted. */
export interface PlatformRunReport {
  readonly devices: number;
  readonly impressionsRecorded: number;
  readonly duplicates: number;
  readonly locked: number;
  readonly ocrVerdicts: number;
  /** Photos without a verdict when the bounded OCR wait ended (OCR takes about a second per page per core). */
  readonly ocrPending: number;
  /** Whether the organisation's evidence chain verified; null when the platform could not answer in time. */
  readonly chainVerified: boolean | null;
  readonly seconds: number;
  /** Wall seconds per phase, in order: setup, provisioning, connecting, approvals, authorisations, pressingAndAcks, photoUploads, readBack, ocrWait. */
  readonly phases: Readonly<Record<string, number>>;
  /** Impressions acknowledged per second of the pressing phase (every device presses at once). */
  readonly impressionsPerSecond: number;
  /** From queueing an event on the device to the platform's EventAck, over every event of the run. */
  readonly ackLatencyMs: { readonly p50: number | null; readonly p95: number | null; readonly max: number | null };
  /** The simulator process's peak resident memory (sampled each second). */
  readonly simPeakRssMb: number;
  /** Devices that failed a phase (and took no further part), by phase; the first message of each is logged. */
  readonly errors: Readonly<Record<string, number>>;
}

export interface PlatformRunOptions {
  /** The platform's gateway, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly devices: number;
  readonly impressions: number;
  /** The broker devices connect to; default: what provisioning returns. */
  readonly brokerUrl?: string;
  /** Bound of each phase's waiting (connects, authorisations, acknowledgements, photo uploads). Default 120 s. */
  readonly waitMs?: number;
  /** How long to wait for OCR verdicts at the end before counting what exists. Default 120 s; 0 counts once. */
  readonly ocrWaitMs?: number;
  /** REST calls in flight at once while provisioning, approving and reading back. Default 16. */
  readonly restConcurrency?: number;
  /**
   * Spread the devices' first presses evenly over this many milliseconds. Default 0: every device presses
   * at once, the hardest burst the platform can get (a fleet reconnecting with full queues looks the same).
   */
  readonly pressSpreadMs?: number;
  /** Cap of the re-send back-off of unacknowledged events; default 60 s (5 s: the old fixed tick). */
  readonly maxResendMs?: number;
  /** Photo uploads in flight at once across the fleet. Default 8: more only made the platform time out storing them (media answers 503 after its 5 s deadline). */
  readonly uploadConcurrency?: number;
  /** The page photo each device "takes", and the original page every application files (PNG). */
  readonly pagePhoto?: Uint8Array;
  readonly originalPage?: Uint8Array;
  readonly log?: (line: Record<string, unknown>) => void;
}

const PASSWORD = `seal-sim-${randomUUID()}`;
const DEFAULT_PAGE = new URL("../assets/page-photo.jpg", import.meta.url);
const DEFAULT_ORIGINAL = new URL("../assets/page-original.png", import.meta.url);

class ApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * An overloaded platform answers 503 or 429. A 503 can also be the gateway's deadline expiring while the
 * service still finished the work, so a retried call must not assume the first attempt did nothing: creations
 * use a fresh name per attempt (an orphan seal or device is harmless) and state changes accept "already done".
 */
const passing = (error: unknown) => error instanceof ApiError && (error.status === 503 || error.status === 429);

/** A retried submit/approve answered 409/412: the attempt that "failed" with a 503 had done it. */
async function stateChange(attempt: () => Promise<unknown>, retrying: <T>(task: () => Promise<T>) => Promise<T>): Promise<void> {
  let tries = 0;
  await retrying(async () => {
    tries += 1;
    try {
      await attempt();
    } catch (error) {
      if (tries > 1 && error instanceof ApiError && (error.status === 409 || error.status === 412)) return;
      throw error;
    }
  });
}

/** A path with its ids replaced, so latency figures group by endpoint. */
export function endpointOf(method: string, path: string): string {
  return `${method} ${path.replace(/\/(?:[a-z]+-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/gi, "/{id}")}`;
}

/** REST calls to the gateway; any unexpected status is an error that names the call and the answer. */
function restClient(url: string, latencies: Map<string, number[]>) {
  const base = url.replace(/\/$/, "");
  return async <T>(expect: number, method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<T> => {
    const started = performance.now();
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(options.body === undefined ? {} : { "content-type": "application/json" }) },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    const endpoint = endpointOf(method, path);
    const samples = latencies.get(endpoint) ?? [];
    samples.push(performance.now() - started);
    latencies.set(endpoint, samples);
    if (response.status !== expect) throw new ApiError(`${method} ${path} answered ${response.status} (expected ${expect}): ${text.slice(0, 500)}`, response.status);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The whole demo through the public API of a freshly started platform: registers an administrator (who
 * files the applications) and an approver in a new organisation, creates `devices` seals and devices, files
 * and approves one application per device for `impressions` presses, runs the devices (each impression with
 * a page photo), then reads everything back from the platform. Registration needs the development SMS
 * provider (the embedded default), which answers with the code.
 *
 * Built for thousands of devices in one process: REST calls, connects and photo uploads each go through a
 * bounded number of slots; every device waits concurrently against one deadline per phase; a device that
 * fails a phase is counted in `errors` and left out of the rest instead of ending the run; the page photo
 * is one buffer shared by every device.
 */
export async function runAgainstPlatform(options: PlatformRunOptions): Promise<PlatformRunReport> {
  const started = Date.now();
  const clock = new PhaseClock();
  const log = options.log ?? (() => undefined);
  const waitMs = options.waitMs ?? 120_000;
  const ocrWaitMs = options.ocrWaitMs ?? 120_000;
  const restConcurrency = options.restConcurrency ?? 16;
  const latencies = new Map<string, number[]>();
  const api = restClient(options.url, latencies);
  const retrying = <T>(task: () => Promise<T>) => withRetries(task, { attempts: 6, delayMs: 500, retryable: passing });
  const page = options.pagePhoto ?? readFileSync(DEFAULT_PAGE);
  const original = options.originalPage ?? readFileSync(DEFAULT_ORIGINAL);
  const originalSha = createHash("sha256").update(original).digest("hex");
  let peakRss = process.memoryUsage.rss();
  const rssSampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 1000);
  rssSampler.unref();
  const errors: Record<string, number> = {};
  /** Runs one device's part of a phase; a failure is counted (and its first message logged), not thrown. */
  const failed = (phase: string, error: unknown): undefined => {
    errors[phase] = (errors[phase] ?? 0) + 1;
    if (errors[phase] === 1) log({ event: "error", phase, message: error instanceof Error ? error.message : String(error) });
    return undefined;
  };

  const register = async (displayName: string, organisation: Record<string, string>) => {
    const mobile = `139${String(randomInt(0, 100_000_000)).padStart(8, "0")}`;
    const sent = await api<{ developmentCode?: string }>(202, "POST", "/api/v1/auth/sms-codes", { body: { mobile } });
    if (!sent.developmentCode) throw new ApiError("the platform sends real SMS codes (IDENTITY_SMS_PROVIDER is not development): the simulator cannot register users there");
    const token = await api<{ accessToken: string; accountId: string; organisationId: string }>(201, "POST", "/api/v1/auth/register", {
      body: { mobile, smsCode: sent.developmentCode, password: PASSWORD, displayName, ...organisation },
    });
    return { mobile, token: token.accessToken, userId: token.accountId, organisationId: token.organisationId };
  };
  const code = `SIM-${randomUUID().slice(0, 8).toUpperCase()}`;
  const admin = await register("Seal-sim administrator", { newOrganisationName: `Seal-sim demo ${code}`, newOrganisationCode: code });
  const approver = await register("Seal-sim approver", { organisationCode: code });
  await api(200, "PUT", `/api/v1/organisation/members/${approver.userId}/roles`, { token: admin.token, body: { roles: ["member", "approver"] } });
  const approverToken = (await api<{ accessToken: string }>(200, "POST", "/api/v1/auth/login", { body: { mobile: approver.mobile, password: PASSWORD } })).accessToken;
  log({ event: "organisation", organisationId: admin.organisationId, code });

  // The document every application files: the page the devices will photograph.
  const upload = await api<{ id: string; upload: { url: string; headers: Record<string, string> } }>(201, "POST", "/api/v1/media/uploads", {
    token: admin.token,
    body: { kind: "document", contentType: "image/png", size: original.length, sha256: originalSha },
  });
  const put = await fetch(upload.upload.url, { method: "PUT", headers: upload.upload.headers, body: original, signal: AbortSignal.timeout(30_000) });
  if (!put.ok) throw new ApiError(`uploading the document answered ${put.status}`);
  await api(200, "POST", `/api/v1/media/uploads/${upload.id}/complete`, { token: admin.token, body: {} });
  clock.lap("setup");

  const indexes = Array.from({ length: options.devices }, (_, i) => i);
  const provisioned = present(
    await inBatches(indexes, restConcurrency, async (i) => {
      try {
        const seal = await retrying(() =>
          api<{ id: string }>(201, "POST", "/api/v1/seals", { token: admin.token, body: { name: `模拟印章 ${i + 1}`, physical: { sealType: "CONTRACT", sizeMm: 40, material: "RUBBER" } } }),
        );
        let attempt = 0;
        // The secret is shown only to the call that created the device: a retry registers another serial.
        const device = await retrying(() =>
          api<{ device: { id: string }; secret: string; brokerUrl: string; commandKey: { publicKeyPem: string } }>(201, "POST", "/api/v1/devices", {
            token: admin.token,
            body: { serial: `SIM-${code}-${i + 1}${attempt++ === 0 ? "" : `-R${attempt}`}`, model: "YX-SIM" },
          }),
        );
        await stateChange(() => api(200, "PUT", `/api/v1/seals/${seal.id}/device`, { token: admin.token, body: { deviceId: device.device.id } }), retrying);
        return { sealId: seal.id, deviceId: device.device.id, secret: device.secret, brokerUrl: options.brokerUrl ?? device.brokerUrl, platformKey: device.commandKey.publicKeyPem };
      } catch (error) {
        return failed("provisioning", error);
      }
    }),
  );
  log({ event: "devices", count: provisioned.length, seconds: clock.lap("provisioning") });

  const ackLatencies: number[] = [];
  const uploads = new Limiter(options.uploadConcurrency ?? 8);
  // Connects are bounded too: the broker checks each device's secret, and a fleet connecting at once would
  // time itself out there.
  const fleet = present(
    await inBatches(provisioned, 32, async (d) => {
      try {
        const simulator = await SealSimulator.start({
          brokerUrl: d.brokerUrl,
          deviceId: d.deviceId,
          secret: d.secret,
          platformKey: d.platformKey,
          platformUrl: options.url,
          resendIntervalMs: 5000,
          maxResendIntervalMs: options.maxResendMs ?? 60_000,
          // After a broker restart the whole fleet reconnects, and each connect costs the broker a scrypt
          // check (~50 ms of CPU): reconnects spread over seconds, and a connect may wait 30 s for its turn
          // instead of timing out and queueing another check behind the ones it abandoned.
          reconnectPeriodMs: 1000 + randomInt(0, 5000),
          connectTimeoutMs: 30_000,
          connectWithinMs: waitMs,
          uploads,
          onEventAcked: (_sequence, ms) => ackLatencies.push(ms),
        });
        return { ...d, simulator };
      } catch (error) {
        return failed("connecting", error);
      }
    }),
  );
  log({ event: "connected", count: fleet.length, seconds: clock.lap("connecting") });
  try {
    const approved = present(
      await inBatches(fleet, restConcurrency, async (d) => {
        try {
          const application = await retrying(() =>
            api<{ id: string }>(201, "POST", "/api/v1/applications", {
              token: admin.token,
              body: { sealId: d.sealId, title: `Seal-sim application for ${d.deviceId}`, documents: [{ objectKey: upload.id, sha256: originalSha, contentType: "image/png" }], impressionCount: options.impressions },
            }),
          );
          await stateChange(() => api(200, "POST", `/api/v1/applications/${application.id}/submit`, { token: admin.token, body: {} }), retrying);
          await stateChange(() => api(200, "POST", `/api/v1/applications/${application.id}/approve`, { token: approverToken, body: { comment: "seal-sim" } }), retrying);
          return { ...d, applicationId: application.id };
        } catch (error) {
          return failed("approvals", error);
        }
      }),
    );
    log({ event: "approved", count: approved.length, seconds: clock.lap("approvals") });

    // Every device waits at once (a listener and a timer each, no polling) against the phase's bound.
    const eachWithin = async <T extends { simulator: SealSimulator }>(phase: string, devices: readonly T[], what: string, predicate: (d: T) => boolean) =>
      present(
        await Promise.all(
          devices.map((d) =>
            d.simulator.waitFor(() => predicate(d), waitMs, what).then(
              () => d,
              (error: unknown) => failed(phase, error),
            ),
          ),
        ),
      );
    const authorised = await eachWithin("authorisations", approved, "its authorisation", (d) => d.simulator.state.authorisation?.applicationId === d.applicationId);
    log({ event: "authorised", count: authorised.length, seconds: clock.lap("authorisations") });

    const pressAll = (d: (typeof authorised)[number]) => {
      for (let press = 0; press < options.impressions; press++) d.simulator.press({ photo: { data: page, contentType: "image/jpeg" } });
    };
    const spreadMs = options.pressSpreadMs ?? 0;
    if (spreadMs <= 0) authorised.forEach(pressAll);
    // One timer for the whole fleet, pressing the devices whose turn has come on each tick.
    else
      await new Promise<void>((resolve) => {
        const begun = Date.now();
        let pressed = 0;
        const tick = setInterval(() => {
          const due = Math.min(authorised.length, Math.ceil(((Date.now() - begun) / spreadMs) * authorised.length));
          for (; pressed < due; pressed++) pressAll(authorised[pressed] as (typeof authorised)[number]);
          if (pressed >= authorised.length) {
            clearInterval(tick);
            resolve();
          }
        }, 100);
      });
    const acknowledged = await eachWithin("pressingAndAcks", authorised, "acknowledgements", (d) => d.simulator.state.queue.length === 0);
    const pressSeconds = clock.lap("pressingAndAcks");
    log({ event: "acknowledged", devices: acknowledged.length, impressionsEach: options.impressions, seconds: pressSeconds });
    const photographed = await eachWithin("photoUploads", acknowledged, "photo uploads", (d) => d.simulator.state.photos.length === 0);
    log({ event: "uploaded", devices: photographed.length, seconds: clock.lap("photoUploads") });
    // Every attempt is logged: a 5xx (the platform timed out storing it) is tried again; a 4xx is final.
    const attempts = fleet.flatMap((d) => d.simulator.uploadLog);
    const byStatus: Record<string, number> = {};
    for (const attempt of attempts) byStatus[attempt.status] = (byStatus[attempt.status] ?? 0) + 1;
    log({ event: "photoUploadAttempts", byStatus });
    const refusedPhotos = attempts.filter((u) => u.status >= 400 && u.status < 500 && u.status !== 408 && u.status !== 429).length;
    if (refusedPhotos > 0) errors["photosRefused"] = refusedPhotos;

    // Read back what the platform reports: one list for the devices, records per device.
    const records = present(
      await inBatches(provisioned, restConcurrency, (d) =>
        retrying(() => api<{ impressions: { sequence: number | string }[] }>(200, "GET", `/api/v1/devices/${d.deviceId}/records`, { token: admin.token })).catch((error: unknown) =>
          failed("readBack", error),
        ),
      ),
    );
    const impressionsRecorded = records.reduce((sum, r) => sum + r.impressions.length, 0);
    const duplicates = records.reduce((sum, r) => sum + (r.impressions.length - new Set(r.impressions.map((i) => String(i.sequence))).size), 0);
    const devices = await retrying(() => api<{ devices: { id: string; locked: boolean }[] }>(200, "GET", "/api/v1/devices", { token: admin.token }));
    const ours = new Set(provisioned.map((d) => d.deviceId));
    // Verifying walks the organisation's whole ledger, which at a thousand devices outlasts the gateway's
    // deadline: report that (and keep the figures) rather than lose the run.
    const verified = await retrying(() => api<{ ok: boolean }>(200, "POST", "/api/v1/evidence/verify", { token: admin.token, body: {} })).catch((error: unknown) =>
      failed("chainVerify", error),
    );
    log({ event: "readBack", impressionsRecorded, seconds: clock.lap("readBack") });

    // OCR runs behind the events at about a second per page per core, so thousands of photos take longer
    // than the rest of the run: wait a bounded time, then count what exists and say what is still pending.
    const photosSent = attempts.filter((u) => u.status >= 200 && u.status < 300).length;
    const verdicts = new Map<string, number>(approved.map((d) => [d.applicationId, 0]));
    const countVerdicts = async () => {
      const waiting = [...verdicts].filter(([, n]) => n < options.impressions).map(([id]) => id);
      await inBatches(waiting, restConcurrency, async (id) => {
        const list = await api<{ items: unknown[] }>(200, "GET", `/api/v1/applications/${id}/verifications`, { token: admin.token }).catch(() => undefined);
        if (list) verdicts.set(id, list.items.length);
      });
      return [...verdicts.values()].reduce((sum, n) => sum + n, 0);
    };
    const ocrDeadline = Date.now() + ocrWaitMs;
    let ocrVerdicts = await countVerdicts();
    for (let round = 0; ocrVerdicts < photosSent && Date.now() < ocrDeadline && round < 100_000; round++) {
      await sleep(Math.min(5000, Math.max(0, ocrDeadline - Date.now())));
      ocrVerdicts = await countVerdicts();
    }
    const ocrPending = Math.max(0, photosSent - ocrVerdicts);
    log({ event: "ocr", verdicts: ocrVerdicts, pending: ocrPending, photos: photosSent, seconds: clock.lap("ocrWait") });

    const summary: Record<string, { n: number; p50: number; p95: number }> = {};
    for (const [endpoint, samples] of latencies) summary[endpoint] = { n: samples.length, p50: Math.round(percentile(samples, 0.5) ?? 0), p95: Math.round(percentile(samples, 0.95) ?? 0) };
    log({ event: "restLatencyMs", endpoints: summary });
    const round = (ms: number | undefined) => (ms === undefined ? null : Math.round(ms));
    return {
      devices: options.devices,
      impressionsRecorded,
      duplicates,
      locked: devices.devices.filter((d) => ours.has(d.id) && d.locked).length,
      ocrVerdicts,
      ocrPending,
      chainVerified: verified === undefined ? null : verified.ok === true,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      phases: clock.phases,
      impressionsPerSecond: pressSeconds > 0 ? Math.round(((acknowledged.length * options.impressions) / pressSeconds) * 10) / 10 : 0,
      ackLatencyMs: { p50: round(percentile(ackLatencies, 0.5)), p95: round(percentile(ackLatencies, 0.95)), max: round(percentile(ackLatencies, 1)) },
      simPeakRssMb: Math.round(Math.max(peakRss, process.memoryUsage.rss()) / 1024 / 1024),
      errors,
    };
  } finally {
    clearInterval(rssSampler);
    await inBatches(fleet, 64, (d) => d.simulator.stop().catch(() => undefined));
  }
}

function present<T>(items: readonly (T | undefined)[]): T[] {
  return items.filter((item): item is T => item !== undefined);
}
