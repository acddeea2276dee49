import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { invalidArgument, isYunxiError, unavailable } from "@yunxi/platform";
import type { Logger } from "@yunxi/platform";
import { findRelayPath, linkId, type LinkState } from "../domain/relay-path.js";
import type { AuditPublisher, Clock } from "./ports.js";

/** One hop of a relayed key on the classical channel: the key masked with that hop's QKD link key. */
export interface RelayHopMessage {
  readonly keyId: string;
  readonly path: readonly string[];
  /** Index of the sender in `path`. */
  readonly hop: number;
  /** Which link-pool chunk masks this hop (both ends of the link hold it). */
  readonly chunkId: string;
  /** K XOR L_hop: a one-time pad, so the channel learns nothing about K. */
  readonly masked: Buffer;
  /** HMAC-SHA-256 keyed with further bits of the same link chunk. */
  readonly mac: Buffer;
}

/** A node's view of its QKD link pools: identical chunk streams at both ends of each link. */
export interface LinkKeyPools {
  /** Takes the next chunk of `bytes` from the pool shared with `peer` (sender side). */
  draw(peer: string, bytes: number): { chunkId: string; key: Buffer };
  /** Takes the chunk the sender drew, by id (receiver side); throws if it is not present. */
  take(peer: string, chunkId: string, bytes: number): Buffer;
}

/** The classical channel between adjacent trusted nodes; throws Unavailable when the link is down. */
export interface RelayChannel {
  send(from: string, to: string, message: RelayHopMessage): Promise<void>;
}

/** The router's current view of every link (pool levels, up/down). */
export interface LinkDirectory {
  links(): readonly LinkState[];
}

export interface TrustedNodeDeps {
  readonly pools: LinkKeyPools;
  readonly channel: RelayChannel;
  readonly directory: LinkDirectory;
  readonly audit: AuditPublisher;
  readonly clock: Clock;
  readonly logger: Logger;
}

const MAC_KEY_BYTES = 32;

/**
 * A trusted node of a QKD network relaying keys hop by hop (ITU-T Y.3803 style): at each hop the key
 * is XORed with fresh link key, the next node unmasks it with its copy of the same link key and
 * re-masks it for the next link. Link key is used once and erased. Only the end nodes keep the key.
 */
export class TrustedNode {
  /** Keys relayed to this node as destination, by key id. */
  private readonly delivered = new Map<string, Buffer>();

  constructor(
    readonly id: string,
    private readonly deps: TrustedNodeDeps,
  ) {}

  /**
   * Creates a key shared with `destination` and relays it along the cheapest path; when a link fails,
   * recomputes the path without it (at most `maxAttempts` paths). Returns the key, its id and path.
   */
  async relayTo(destination: string, options: { bytes?: number; maxAttempts?: number; actor?: string } = {}): Promise<{ keyId: string; key: Buffer; path: string[] }> {
    const bytes = options.bytes ?? 32;
    if (destination === this.id) throw invalidArgument("cannot relay a key to the node itself");
    const failed = new Set<string>();
    let lastError: unknown;
    for (let attempt = 0; attempt < (options.maxAttempts ?? 4); attempt++) {
      const path = findRelayPath(this.deps.directory.links(), this.id, destination, (bytes + MAC_KEY_BYTES) * 8, { exclude: failed });
      if (!path) break;
      const key = randomBytes(bytes);
      const keyId = randomUUID();
      try {
        await this.forward(keyId, key, path, 0);
        await this.audit("relay-complete", keyId, path, "ok", `attempt ${attempt + 1}`, options.actor);
        return { keyId, key, path };
      } catch (error) {
        key.fill(0);
        if (!isYunxiError(error, "Unavailable")) throw error;
        lastError = error;
        const broken = /link (\S+) is down/.exec(error.message)?.[1];
        // Without knowing which link broke, avoid the whole first hop next time.
        failed.add(broken ?? linkId(path[0] as string, path[1] as string));
        this.deps.logger.warn({ keyId, path, attempt }, "relay attempt failed, rerouting");
      }
    }
    await this.audit("relay-complete", "", [this.id, destination], "failed", "no working path", options.actor);
    throw unavailable(`no relay path from ${this.id} to ${destination} with enough key`, { cause: lastError });
  }

  /** Handles a hop message from the previous node. */
  async receive(message: RelayHopMessage): Promise<void> {
    const from = message.path[message.hop];
    if (message.mac.length !== 32) throw invalidArgument("relay message failed authentication");
    if (message.path[message.hop + 1] !== this.id || from === undefined) throw invalidArgument("relay message is not addressed to this node");
    const link = this.deps.pools.take(from, message.chunkId, message.masked.length + MAC_KEY_BYTES);
    const pad = link.subarray(0, message.masked.length);
    const macKey = link.subarray(message.masked.length);
    const expected = hopMac(macKey, message);
    const authentic = timingSafeEqual(expected, message.mac);
    const key = xor(message.masked, pad);
    link.fill(0);
    if (!authentic) {
      key.fill(0);
      throw invalidArgument("relay message failed authentication");
    }
    const isDestination = message.hop + 1 === message.path.length - 1;
    try {
      if (isDestination) {
        this.delivered.set(message.keyId, Buffer.from(key));
        await this.audit("relay-hop", message.keyId, message.path, "ok", `delivered at ${this.id}`);
      } else {
        await this.audit("relay-hop", message.keyId, message.path, "ok", `forwarded by ${this.id}`);
        await this.forward(message.keyId, key, message.path, message.hop + 1);
      }
    } finally {
      // An intermediate node holds K only while re-masking it.
      key.fill(0);
    }
  }

  /** The destination side: hands out a relayed key once. */
  takeDelivered(keyId: string): Buffer | undefined {
    const key = this.delivered.get(keyId);
    this.delivered.delete(keyId);
    return key;
  }

  get deliveredCount(): number {
    return this.delivered.size;
  }

  private async forward(keyId: string, key: Buffer, path: readonly string[], hop: number): Promise<void> {
    const next = path[hop + 1];
    if (next === undefined) throw invalidArgument("relay path ended early");
    const { chunkId, key: link } = this.deps.pools.draw(next, key.length + MAC_KEY_BYTES);
    const masked = xor(key, link.subarray(0, key.length));
    const partial = { keyId, path, hop, chunkId, masked };
    const message: RelayHopMessage = { ...partial, mac: hopMac(link.subarray(key.length), partial) };
    link.fill(0);
    await this.deps.channel.send(this.id, next, message);
  }

  private async audit(operation: "relay-hop" | "relay-complete", keyId: string, path: readonly string[], outcome: "ok" | "failed", detail: string, actor = this.id): Promise<void> {
    await this.deps.audit.publish({
      operation,
      outcome,
      actor,
      organisationId: "",
      keyName: "",
      keyVersion: 0,
      securityLevel: "qkd",
      qkdKeyIds: keyId ? [keyId] : [],
      path,
      detail,
      occurredAt: this.deps.clock.now(),
    });
  }
}

function hopMac(macKey: Buffer, message: Omit<RelayHopMessage, "mac">): Buffer {
  return createHmac("sha256", macKey)
    .update(`${message.keyId}|${message.path.join(",")}|${message.hop}|${message.chunkId}|`)
    .update(message.masked)
    .digest();
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] ?? 0) ^ (b[i] ?? 0);
  return out;
}
