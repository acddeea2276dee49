import { request as httpsRequest, Agent } from "node:https";
import { checkServerIdentity, type PeerCertificate } from "node:tls";
import { invalidArgument, unauthenticated, unavailable, YunxiError } from "@yunxi/platform";
import type { Etsi014KeyContainer, Etsi014Status } from "./etsi014-types.js";

export interface Etsi014ClientOptions {
  /** e.g. https://kme-a.example:8443 */
  readonly baseUrl: string;
  /** PEM: the KME's CA (pinned: no system CAs are trusted), this SAE's certificate and key. */
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
  /** Expected KME ID: the server certificate's CN must equal it (clause 5.1). */
  readonly kmeId?: string;
  readonly timeoutMs?: number;
  /** Attempts for retryable failures (503, network errors, malformed responses); default 4. */
  readonly attempts?: number;
  readonly backoffMs?: number;
}

/** A delivered key. The bytes are secret: never log them. */
export interface DeliveredKey {
  readonly keyId: string;
  readonly key: Buffer;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * ETSI GS QKD 014 V1.1.1 client over mutual TLS with a pinned CA and KME ID check. Retries 503,
 * timeouts, dropped connections and malformed bodies with exponential backoff; 400 and 401 are final
 * (InvalidArgument / Unauthenticated). Sizes and key IDs of responses are checked, never trusted.
 */
export class Etsi014Client {
  private readonly agent: Agent;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: Etsi014ClientOptions) {
    const kmeId = options.kmeId;
    this.agent = new Agent({
      ca: options.ca,
      cert: options.cert,
      key: options.key,
      keepAlive: true,
      minVersion: "TLSv1.2",
      checkServerIdentity: (host: string, cert: PeerCertificate) => {
        const hostError = checkServerIdentity(host, cert);
        if (hostError) return hostError;
        if (kmeId !== undefined && cert.subject?.CN !== kmeId) return new Error(`KME certificate CN does not match KME ID ${kmeId}`);
        return undefined;
      },
    });
    this.attempts = Math.max(1, options.attempts ?? 4);
    this.backoffMs = options.backoffMs ?? 100;
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  async status(slaveSaeId: string): Promise<Etsi014Status> {
    const body = await this.call("GET", `/api/v1/keys/${encodeURIComponent(slaveSaeId)}/status`);
    if (!isObject(body) || typeof body["stored_key_count"] !== "number" || typeof body["key_size"] !== "number") {
      throw unavailable("KME returned a malformed status");
    }
    return body as unknown as Etsi014Status;
  }

  /** Get key (master side). */
  async getKeys(slaveSaeId: string, request: { number?: number; size?: number } = {}): Promise<DeliveredKey[]> {
    const body = await this.call("POST", `/api/v1/keys/${encodeURIComponent(slaveSaeId)}/enc_keys`, request);
    const keys = parseContainer(body);
    const number = request.number ?? 1;
    if (keys.length !== number) throw unavailable(`KME returned ${keys.length} keys instead of ${number}`);
    if (request.size !== undefined && keys.some((k) => k.key.length * 8 !== request.size)) throw unavailable("KME returned keys of the wrong size");
    return keys;
  }

  /** Get key with key IDs (slave side). */
  async getKeysWithIds(masterSaeId: string, keyIds: readonly string[]): Promise<DeliveredKey[]> {
    const body = await this.call("POST", `/api/v1/keys/${encodeURIComponent(masterSaeId)}/dec_keys`, { key_IDs: keyIds.map((key_ID) => ({ key_ID })) });
    const keys = parseContainer(body);
    const wanted = new Set(keyIds);
    if (keys.length !== keyIds.length || keys.some((k) => !wanted.has(k.keyId))) throw unavailable("KME returned other keys than requested");
    return keys;
  }

  close(): void {
    this.agent.destroy();
  }

  private async call(method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
    let lastError: YunxiError | undefined;
    for (let attempt = 0; attempt < this.attempts; attempt++) {
      if (attempt > 0) await sleep(this.backoffMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
      try {
        return await this.once(method, path, body);
      } catch (error) {
        if (error instanceof YunxiError && error.kind !== "Unavailable") throw error;
        lastError = error instanceof YunxiError ? error : unavailable("KME request failed", { cause: error });
      }
    }
    throw lastError ?? unavailable("KME request failed");
  }

  private once(method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
    const url = new URL(path, this.options.baseUrl);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), "utf8");
    return new Promise((resolve, reject) => {
      const req = httpsRequest(
        url,
        {
          method,
          agent: this.agent,
          timeout: this.timeoutMs,
          headers: payload ? { "content-type": "application/json", "content-length": payload.length, accept: "application/json" } : { accept: "application/json" },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("error", (error) => reject(unavailable("KME response failed", { cause: error })));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            const status = res.statusCode ?? 0;
            if (status === 401) return reject(unauthenticated("KME refused this SAE (401)"));
            let json: unknown;
            try {
              json = text === "" ? undefined : JSON.parse(text);
            } catch (error) {
              return reject(unavailable(`KME sent a malformed response (HTTP ${status})`, { cause: error }));
            }
            const message = isObject(json) && typeof json["message"] === "string" ? json["message"] : `HTTP ${status}`;
            if (status === 200) return resolve(json);
            if (status === 400) return reject(invalidArgument(`KME rejected the request: ${message}`));
            if (status === 503) return reject(unavailable(`KME unavailable: ${message}`));
            return reject(unavailable(`KME answered HTTP ${status}: ${message}`));
          });
        },
      );
      req.on("timeout", () => req.destroy(new Error("KME request timed out")));
      req.on("error", (error) => reject(error instanceof YunxiError ? error : unavailable("KME unreachable", { cause: error })));
      req.end(payload);
    });
  }
}

function parseContainer(body: unknown): DeliveredKey[] {
  if (!isObject(body) || !Array.isArray(body["keys"])) throw unavailable("KME returned a malformed key container");
  return (body as unknown as Etsi014KeyContainer).keys.map((entry) => {
    if (!isObject(entry) || typeof entry.key_ID !== "string" || !UUID.test(entry.key_ID) || typeof entry.key !== "string") {
      throw unavailable("KME returned a malformed key");
    }
    const key = Buffer.from(entry.key, "base64");
    if (key.length === 0) throw unavailable("KME returned an empty key");
    return { keyId: entry.key_ID, key };
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
