import { randomBytes, randomUUID } from "node:crypto";
import type { Clock } from "../../app/ports.js";
import { ETSI014_MESSAGES, type Etsi014Error, type Etsi014KeyContainer, type Etsi014Status } from "./etsi014-types.js";

/** One simulated QKD link between two SAEs (either may be master), with a finite, refilling pool. */
export interface SimulatedLinkOptions {
  readonly saeA: string;
  readonly saeB: string;
  /** Secret key rate in bits/s; 0 never refills. */
  readonly rateBitsPerSecond: number;
  /** Pool capacity in keys of `keySize` bits (Status max_key_count). The pool starts full. */
  readonly capacityKeys: number;
  readonly keySize?: number;
  readonly minKeySize?: number;
  readonly maxKeySize?: number;
  readonly maxKeysPerRequest?: number;
}

/** Faults a test or operator can switch on to exercise clients. */
export interface SimulatorFaults {
  /** Every key request gets 503 as if QKD had stopped. */
  linkDown?: boolean;
  /** Delay before each response. */
  delayMs?: number;
  /** Send half of each JSON body, as a crashed KME or proxy would. */
  truncateResponses?: boolean;
  /** Answer this many further key requests with 503 (a transient fault), then recover. */
  transientFailures?: number;
}

/** A response before HTTP: 401 has no body (clause 5.1). */
export interface KmeResponse {
  readonly status: 200 | 400 | 401 | 404 | 405 | 503;
  readonly body?: Etsi014Status | Etsi014KeyContainer | Etsi014Error;
}

export interface KmeRequest {
  readonly method: string;
  /** Raw path without the query, still URL-encoded. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Raw body text for POST. */
  readonly body: string | undefined;
  /** SAE ID from a verified client certificate; undefined when absent or untrusted. */
  readonly callerSae: string | undefined;
}

interface PendingKey {
  readonly key: Buffer;
  readonly master: string;
  readonly slaves: ReadonlySet<string>;
}

class SimulatedLink {
  readonly keySize: number;
  readonly minKeySize: number;
  readonly maxKeySize: number;
  readonly maxKeysPerRequest: number;
  private storedBits: number;
  private lastRefill: number;
  constructor(readonly options: SimulatedLinkOptions, now: number) {
    this.keySize = options.keySize ?? 256;
    this.minKeySize = options.minKeySize ?? 64;
    this.maxKeySize = options.maxKeySize ?? 1024;
    this.maxKeysPerRequest = options.maxKeysPerRequest ?? 128;
    this.storedBits = options.capacityKeys * this.keySize;
    this.lastRefill = now;
  }

  get capacityBits(): number {
    return this.options.capacityKeys * this.keySize;
  }

  available(now: number): number {
    const elapsed = Math.max(0, now - this.lastRefill) / 1000;
    this.storedBits = Math.min(this.capacityBits, this.storedBits + elapsed * this.options.rateBitsPerSecond);
    this.lastRefill = now;
    return Math.floor(this.storedBits);
  }

  take(bits: number, now: number): boolean {
    if (this.available(now) < bits) return false;
    this.storedBits -= bits;
    return true;
  }

  peerOf(sae: string): string | undefined {
    if (sae === this.options.saeA) return this.options.saeB;
    if (sae === this.options.saeB) return this.options.saeA;
    return undefined;
  }
}

type Outcome<T> = { ok: true; value: T } | { ok: false; response: KmeResponse };

const ENC_KEYS_FIELDS = new Set(["number", "size", "additional_slave_SAE_IDs", "extension_mandatory", "extension_optional"]);
const DEC_KEYS_FIELDS = new Set(["key_IDs", "key_IDs_extension"]);

/**
 * The ETSI GS QKD 014 V1.1.1 key delivery logic of a KME, without HTTP: request validation with the
 * spec's messages, Status, removal of delivered keys, the dec_keys authorisation rule and exhaustion.
 * A request that fails validation changes nothing.
 */
export class KmeSimulator {
  private readonly links: SimulatedLink[] = [];
  /**
   * Keys handed to a master, waiting for their slave: the simulator's stand-in for the KME-to-KME
   * sync. Held per KME rather than per link so the dec_keys 401 rule applies across links.
   */
  private readonly pending = new Map<string, PendingKey>();
  faults: SimulatorFaults = {};

  constructor(
    readonly kmeId: string,
    links: readonly SimulatedLinkOptions[],
    private readonly clock: Clock = { now: () => new Date() },
  ) {
    for (const options of links) this.links.push(new SimulatedLink(options, this.clock.now().getTime()));
  }

  /** Keys currently stored for a pair (what Status reports). */
  storedKeyCount(saeA: string, saeB: string): number {
    const link = this.linkFor(saeA, saeB);
    return link ? Math.floor(link.available(this.clock.now().getTime()) / link.keySize) : 0;
  }

  handle(request: KmeRequest): KmeResponse {
    if (request.callerSae === undefined) return { status: 401 };
    const match = /^\/api\/v1\/keys\/([^/]+)\/(status|enc_keys|dec_keys)$/.exec(request.path);
    if (!match) return { status: 404, body: { message: "not found" } };
    let other: string;
    try {
      other = decodeURIComponent(match[1] ?? "");
    } catch {
      return bad("SAE ID in the path is not correctly URL-encoded");
    }
    const method = match[2];
    if (method === "status") {
      if (request.method !== "GET") return { status: 405, body: { message: "use GET" } };
      return this.status(request.callerSae, other);
    }
    if (request.method !== "GET" && request.method !== "POST") return { status: 405, body: { message: "use GET or POST" } };
    if ((this.faults.transientFailures ?? 0) > 0) {
      this.faults.transientFailures = (this.faults.transientFailures ?? 1) - 1;
      return unavailableResponse("transient fault injected");
    }
    return method === "enc_keys" ? this.encKeys(request, other) : this.decKeys(request, other);
  }

  private linkFor(a: string, b: string): SimulatedLink | undefined {
    return this.links.find((link) => link.peerOf(a) === b);
  }

  private status(master: string, slave: string): KmeResponse {
    const link = this.linkFor(master, slave);
    if (!link) return bad(`slave_SAE_ID ${slave} is not reachable from ${master}`);
    const body: Etsi014Status = {
      source_KME_ID: this.kmeId,
      target_KME_ID: this.kmeId,
      master_SAE_ID: master,
      slave_SAE_ID: slave,
      key_size: link.keySize,
      stored_key_count: Math.floor(link.available(this.clock.now().getTime()) / link.keySize),
      max_key_count: link.options.capacityKeys,
      max_key_per_request: link.maxKeysPerRequest,
      max_key_size: link.maxKeySize,
      min_key_size: link.minKeySize,
      max_SAE_ID_count: 0,
    };
    return { status: 200, body: body };
  }

  private encKeys(request: KmeRequest, slave: string): KmeResponse {
    const master = request.callerSae as string;
    const link = this.linkFor(master, slave);
    if (!link) return bad(`slave_SAE_ID ${slave} is not reachable from ${master}`);
    const parsed = request.method === "GET" ? parseEncKeysQuery(request.query) : parseJsonObject(request.body, ENC_KEYS_FIELDS);
    if (!parsed.ok) return parsed.response;
    const body = parsed.value;

    const number = body["number"] ?? 1;
    const size = body["size"] ?? link.keySize;
    if (!isPositiveInteger(number)) return bad("number shall be a positive integer");
    if (!isPositiveInteger(size)) return bad("size shall be a positive integer");
    if (number > link.maxKeysPerRequest) return bad(`number exceeds max_key_per_request (${link.maxKeysPerRequest})`);
    if (size % 8 !== 0) return bad(ETSI014_MESSAGES.sizeMultipleOf8);
    if (size < link.minKeySize || size > link.maxKeySize) return bad(`size shall be between min_key_size (${link.minKeySize}) and max_key_size (${link.maxKeySize})`);
    const additional = body["additional_slave_SAE_IDs"];
    if (additional !== undefined) {
      if (!Array.isArray(additional) || !additional.every((id) => typeof id === "string")) return bad("additional_slave_SAE_IDs shall be an array of strings");
      if (additional.length > 0) return bad("additional_slave_SAE_IDs exceeds max_SAE_ID_count (0)");
    }
    for (const field of ["extension_mandatory", "extension_optional"] as const) {
      const value = body[field];
      if (value !== undefined && (!Array.isArray(value) || !value.every(isPlainObject))) return bad(`${field} shall be an array of objects`);
    }
    const mandatory = (body["extension_mandatory"] as Record<string, unknown>[] | undefined) ?? [];
    // No vendor extensions are implemented, so any mandatory one is unsupported; optional ones are ignored (allowed by clause 6.2).
    const unsupported = mandatory.flatMap((entry) => Object.keys(entry));
    if (unsupported.length > 0) {
      return bad(ETSI014_MESSAGES.mandatoryUnsupported, unsupported.map((name) => ({ extension_mandatory_unsupported: `${name} is not supported` })));
    }

    if (this.faults.linkDown) return unavailableResponse(ETSI014_MESSAGES.linkDown);
    if (!link.take(number * size, this.clock.now().getTime())) {
      return unavailableResponse(ETSI014_MESSAGES.exhausted, [{ stored_key_count: this.storedKeyCount(master, slave) }]);
    }
    const keys: Etsi014KeyContainer["keys"] = [];
    for (let i = 0; i < number; i++) {
      const keyId = randomUUID();
      const key = randomBytes(size / 8);
      this.pending.set(keyId, { key, master, slaves: new Set([slave]) });
      keys.push({ key_ID: keyId, key: key.toString("base64") });
    }
    return { status: 200, body: { keys } };
  }

  private decKeys(request: KmeRequest, master: string): KmeResponse {
    const slave = request.callerSae as string;
    const link = this.linkFor(slave, master);
    if (!link) return bad(`master_SAE_ID ${master} is not reachable from ${slave}`);
    let ids: string[];
    if (request.method === "GET") {
      const names = [...request.query.keys()];
      const values = request.query.getAll("key_ID");
      if (names.some((name) => name !== "key_ID") || values.length !== 1) return bad("GET dec_keys takes exactly one key_ID; use POST otherwise");
      ids = values;
    } else {
      const parsed = parseJsonObject(request.body, DEC_KEYS_FIELDS);
      if (!parsed.ok) return parsed.response;
      const list = parsed.value["key_IDs"];
      if (!Array.isArray(list) || list.length === 0) return bad("key_IDs shall be a non-empty array");
      if (list.length > link.maxKeysPerRequest) return bad(`key_IDs exceeds max_key_per_request (${link.maxKeysPerRequest})`);
      ids = [];
      for (const entry of list) {
        if (!isPlainObject(entry) || typeof entry["key_ID"] !== "string") return bad("each key_IDs entry shall have a string key_ID");
        ids.push(entry["key_ID"]);
      }
    }
    if (new Set(ids).size !== ids.length) return bad("key_IDs shall not repeat");
    if (this.faults.linkDown) return unavailableResponse(ETSI014_MESSAGES.linkDown);
    const found: PendingKey[] = [];
    for (const id of ids) {
      const pending = this.pending.get(id);
      if (!pending || pending.master !== master) return bad(ETSI014_MESSAGES.keysNotFound);
      found.push(pending);
    }
    // Clause 5.4: 401 unless the caller was named as slave in every Get key call that returned these IDs.
    if (found.some((pending) => !pending.slaves.has(slave))) return { status: 401 };
    for (const id of ids) this.pending.delete(id);
    return { status: 200, body: { keys: ids.map((id, i) => ({ key_ID: id, key: (found[i] as PendingKey).key.toString("base64") })) } };
  }
}

function bad(message: string, details?: Record<string, unknown>[]): KmeResponse {
  return { status: 400, body: details ? { message, details } : { message } };
}

function unavailableResponse(message: string, details?: Record<string, unknown>[]): KmeResponse {
  return { status: 503, body: details ? { message, details } : { message } };
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseEncKeysQuery(query: URLSearchParams): Outcome<Record<string, unknown>> {
  // Clause 5.3: GET carries only number and/or size; anything else must be POSTed.
  const result: Record<string, unknown> = {};
  for (const name of new Set(query.keys())) {
    const values = query.getAll(name);
    if ((name !== "number" && name !== "size") || values.length !== 1) {
      return { ok: false, response: bad("GET enc_keys takes only number and size; use POST otherwise") };
    }
    const text = values[0] ?? "";
    if (!/^[0-9]{1,9}$/.test(text)) return { ok: false, response: bad(`${name} shall be a positive integer`) };
    result[name] = Number(text);
  }
  return { ok: true, value: result };
}

function parseJsonObject(body: string | undefined, allowed: ReadonlySet<string>): Outcome<Record<string, unknown>> {
  let value: unknown;
  try {
    value = body === undefined || body.trim() === "" ? {} : JSON.parse(body);
  } catch {
    return { ok: false, response: bad("request body is not valid JSON") };
  }
  if (!isPlainObject(value)) return { ok: false, response: bad("request body shall be a JSON object") };
  const unknown = Object.keys(value).filter((name) => !allowed.has(name));
  if (unknown.length > 0) return { ok: false, response: bad(`unknown field(s): ${unknown.join(", ")}`) };
  return { ok: true, value };
}
