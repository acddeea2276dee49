import { createHash, randomInt, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { SealSimulator } from "./seal-simulator.js";

/** What `runAgainstPlatform` reports: counts as the platform reports them, not as the simulator counted. */
export interface PlatformRunReport {
  readonly devices: number;
  readonly impressionsRecorded: number;
  readonly duplicates: number;
  readonly locked: number;
  readonly ocrVerdicts: number;
  readonly chainVerified: boolean;
  readonly seconds: number;
}

export interface PlatformRunOptions {
  /** The platform's gateway, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly devices: number;
  readonly impressions: number;
  /** The broker devices connect to; default: what provisioning returns. */
  readonly brokerUrl?: string;
  /** How long to wait for asynchronous work (authorisations, acknowledgements, OCR verdicts). */
  readonly waitMs?: number;
  /** The page photo each device "takes", and the original page every application files (PNG). */
  readonly pagePhoto?: Uint8Array;
  readonly originalPage?: Uint8Array;
  readonly log?: (line: Record<string, unknown>) => void;
}

const PASSWORD = `seal-sim-${randomUUID()}`;
const DEFAULT_PAGE = new URL("../assets/page-photo.jpg", import.meta.url);
const DEFAULT_ORIGINAL = new URL("../assets/page-original.png", import.meta.url);

class ApiError extends Error {}

/** REST calls to the gateway; any unexpected status is an error that names the call and the answer. */
function restClient(url: string) {
  const base = url.replace(/\/$/, "");
  return async <T>(expect: number, method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(options.body === undefined ? {} : { "content-type": "application/json" }) },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (response.status !== expect) throw new ApiError(`${method} ${path} answered ${response.status} (expected ${expect}): ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

async function eventually<T>(what: string, waitMs: number, probe: () => Promise<T | undefined>): Promise<T | undefined> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Runs `task` over `items` with at most `limit` at a time. */
async function inBatches<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
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
 * The whole demo through the public API of a freshly started platform: registers an administrator (who
 * files the applications) and an approver in a new organisation, creates `devices` seals and devices, files
 * and approves one application per device for `impressions` presses, runs the devices (each impression with
 * a page photo), then reads everything back from the platform. Registration needs the development SMS
 * provider (the embedded default), which answers with the code.
 */
export async function runAgainstPlatform(options: PlatformRunOptions): Promise<PlatformRunReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const waitMs = options.waitMs ?? 120_000;
  const api = restClient(options.url);
  const page = options.pagePhoto ?? readFileSync(DEFAULT_PAGE);
  const original = options.originalPage ?? readFileSync(DEFAULT_ORIGINAL);
  const originalSha = createHash("sha256").update(original).digest("hex");

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

  const indexes = Array.from({ length: options.devices }, (_, i) => i);
  const provisioned = await inBatches(indexes, 16, async (i) => {
    const seal = await api<{ id: string }>(201, "POST", "/api/v1/seals", { token: admin.token, body: { name: `模拟印章 ${i + 1}`, physical: { sealType: "CONTRACT", sizeMm: 40, material: "RUBBER" } } });
    const device = await api<{ device: { id: string }; secret: string; brokerUrl: string; commandKey: { publicKeyPem: string } }>(201, "POST", "/api/v1/devices", {
      token: admin.token,
      body: { serial: `SIM-${code}-${i + 1}`, model: "YX-SIM" },
    });
    await api(200, "PUT", `/api/v1/seals/${seal.id}/device`, { token: admin.token, body: { deviceId: device.device.id } });
    return { sealId: seal.id, deviceId: device.device.id, secret: device.secret, brokerUrl: options.brokerUrl ?? device.brokerUrl, platformKey: device.commandKey.publicKeyPem };
  });
  log({ event: "devices", count: provisioned.length });

  const simulators = await inBatches(provisioned, 32, (d) =>
    SealSimulator.start({ brokerUrl: d.brokerUrl, deviceId: d.deviceId, secret: d.secret, platformKey: d.platformKey, platformUrl: options.url, resendIntervalMs: 2000 }),
  );
  try {
    const applications = await inBatches(provisioned, 16, async (d) => {
      const application = await api<{ id: string }>(201, "POST", "/api/v1/applications", {
        token: admin.token,
        body: { sealId: d.sealId, title: `Seal-sim application for ${d.deviceId}`, documents: [{ objectKey: upload.id, sha256: originalSha, contentType: "image/png" }], impressionCount: options.impressions },
      });
      await api(200, "POST", `/api/v1/applications/${application.id}/submit`, { token: admin.token, body: {} });
      await api(200, "POST", `/api/v1/applications/${application.id}/approve`, { token: approverToken, body: { comment: "seal-sim" } });
      return application.id;
    });
    log({ event: "approved", count: applications.length });

    await inBatches(simulators, 64, async (simulator, i) => {
      await simulator.waitFor((s) => s.state.authorisation?.applicationId === applications[i], waitMs, "its authorisation");
      for (let press = 0; press < options.impressions; press++) simulator.press({ photo: { data: page, contentType: "image/jpeg" } });
      await simulator.waitFor((s) => s.state.queue.length === 0 && s.state.photos.length === 0, waitMs, "acknowledgements and photo uploads");
    });
    log({ event: "pressed", devices: simulators.length, impressionsEach: options.impressions });

    // Read back what the platform reports.
    const records = await inBatches(provisioned, 16, (d) =>
      api<{ impressions: { sequence: number | string }[] }>(200, "GET", `/api/v1/devices/${d.deviceId}/records`, { token: admin.token }),
    );
    const impressionsRecorded = records.reduce((sum, r) => sum + r.impressions.length, 0);
    const duplicates = records.reduce((sum, r) => sum + (r.impressions.length - new Set(r.impressions.map((i) => String(i.sequence))).size), 0);
    const devices = await inBatches(provisioned, 16, (d) => api<{ locked: boolean }>(200, "GET", `/api/v1/devices/${d.deviceId}`, { token: admin.token }));
    const expected = options.devices * options.impressions;
    const countVerdicts = async () => {
      const lists = await inBatches(applications, 16, (id) => api<{ items: unknown[] }>(200, "GET", `/api/v1/applications/${id}/verifications`, { token: admin.token }));
      return lists.reduce((sum, l) => sum + l.items.length, 0);
    };
    // OCR runs behind the events; give it the same bound as everything else, then report what exists.
    const ocrVerdicts = (await eventually("OCR verdicts", waitMs, async () => ((await countVerdicts()) >= expected ? expected : undefined))) ?? (await countVerdicts());
    const verified = await api<{ ok: boolean }>(200, "POST", "/api/v1/evidence/verify", { token: admin.token, body: {} });
    return {
      devices: options.devices,
      impressionsRecorded,
      duplicates,
      locked: devices.filter((d) => d.locked).length,
      ocrVerdicts,
      chainVerified: verified.ok === true,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
  } finally {
    await Promise.all(simulators.map((s) => s.stop().catch(() => undefined)));
  }
}
