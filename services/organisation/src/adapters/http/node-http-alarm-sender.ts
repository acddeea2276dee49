import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { LookupAddress } from "node:dns";
import type { AlarmSender, ReceiverAnswer } from "../../app/ports.js";
import { DestinationRefused, isIpLiteral, type DestinationPolicy } from "../../domain/destination-policy.js";
import type { OutgoingRequest } from "../../domain/notification.js";

const BODY_LIMIT = 4096;

/** Every address a host name resolves to (`dns.lookup` with `all: true` by default; tests inject their own). */
export type ResolveHost = (hostname: string) => Promise<readonly LookupAddress[]>;

const systemResolve: ResolveHost = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Why a request got no answer, in words that never repeat the URL (it may carry a robot key or a signature). */
function causeOf(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? `connection failed (${code})` : "connection failed";
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for the socket that answers only with the addresses already judged, so a second DNS answer
 * (a rebinding attacker's short TTL) cannot change where the connection goes. Node asks with `all: true`
 * when it races IPv4 and IPv6 (autoSelectFamily), with a single address otherwise.
 */
function pinnedLookup(addresses: readonly LookupAddress[]) {
  return (hostname: string, options: { family?: number | string; all?: boolean }, callback: LookupCallback): void => {
    const family = options.family === 4 || options.family === "IPv4" ? 4 : options.family === 6 || options.family === "IPv6" ? 6 : 0;
    const usable = addresses.filter((a) => family === 0 || a.family === family);
    const first = usable[0];
    if (!first) {
      callback(Object.assign(new Error(`no checked address for ${hostname}`), { code: "ENOTFOUND" }), "", 0);
      return;
    }
    if (options.all) callback(null, [...usable]);
    else callback(null, first.address, first.family);
  };
}

export interface NodeHttpAlarmSenderOptions {
  /** Judges every address the receiver's host resolves to, before connecting. */
  readonly policy: DestinationPolicy;
  readonly resolve?: ResolveHost;
}

/**
 * Alarm messages over Node's http/https: one POST, bounded in time (resolution included), redirects not
 * followed, answer body read up to 4 KiB. The host is resolved once, every address is judged by the
 * destination policy (one refused address refuses the request: which one a connection would use is not
 * ours to choose), and the socket connects only to those addresses; the Host header and TLS server name
 * (SNI, certificate check) stay the URL's host name.
 */
export class NodeHttpAlarmSender implements AlarmSender {
  readonly #policy: DestinationPolicy;
  readonly #resolve: ResolveHost;

  constructor(options: NodeHttpAlarmSenderOptions) {
    this.#policy = options.policy;
    this.#resolve = options.resolve ?? systemResolve;
  }

  async post(request: OutgoingRequest, timeoutMs: number): Promise<ReceiverAnswer> {
    const url = new URL(request.url);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not an http or https URL");
    const startedAt = Date.now();
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const addresses = isIpLiteral(host) ? [{ address: host, family: host.includes(":") ? 6 : 4 }] : await this.#resolveBounded(host, timeoutMs);
    for (const { address } of addresses) {
      const verdict = this.#policy.judge(address);
      if (!verdict.allowed) throw new DestinationRefused(address, verdict.reason);
    }
    return send(url, request, addresses, Math.max(timeoutMs - (Date.now() - startedAt), 1), timeoutMs);
  }

  async #resolveBounded(host: string, timeoutMs: number): Promise<readonly LookupAddress[]> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const addresses = await Promise.race([
        this.#resolve(host),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
      if (addresses.length === 0) throw Object.assign(new Error("no address"), { code: "ENOTFOUND" });
      return addresses;
    } catch (error) {
      throw error instanceof Error && error.message.startsWith("no answer within") ? error : new Error(causeOf(error));
    } finally {
      clearTimeout(timer);
    }
  }
}

function send(url: URL, request: OutgoingRequest, addresses: readonly LookupAddress[], remainingMs: number, timeoutMs: number): Promise<ReceiverAnswer> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let answer: { status: number; chunks: Buffer[]; size: number } | undefined;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      req.destroy();
    };
    const answered = () => settle(() => answer && resolve({ status: answer.status, body: Buffer.concat(answer.chunks).toString("utf8").slice(0, BODY_LIMIT) }));
    const body = Buffer.from(request.body, "utf8");
    const client = url.protocol === "https:" ? https : http;
    // agent: false — a fresh connection each time, never a pooled socket opened for an earlier judgement.
    const req = client.request(url, { method: "POST", headers: { ...request.headers, "content-length": String(body.length) }, agent: false, lookup: pinnedLookup(addresses) as never }, (res) => {
      answer = { status: res.statusCode ?? 0, chunks: [], size: 0 };
      const current = answer;
      res.on("data", (chunk: Buffer) => {
        current.chunks.push(chunk);
        current.size += chunk.length;
        if (current.size >= BODY_LIMIT) answered();
      });
      res.on("end", answered);
      // An answer cut short still has its status; the body only matters to robots, which answer small.
      res.on("error", answered);
      res.on("aborted", answered);
    });
    const timer = setTimeout(() => (answer ? answered() : settle(() => reject(new Error(`no answer within ${timeoutMs} ms`)))), remainingMs);
    req.on("error", (error) => (answer ? answered() : settle(() => reject(new Error(causeOf(error))))));
    req.end(body);
  });
}
