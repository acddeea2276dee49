import { unavailable } from "@yunxi/platform";
import type { Logger } from "@yunxi/platform";
import type { KeyMaterial, KeyMaterialRequest, KeySource } from "../../app/ports.js";
import type { DeliveredKey, Etsi014Client } from "./etsi014-client.js";

export interface PoolAlarm {
  readonly level: "low" | "empty";
  readonly stock: number;
}

export interface Etsi014KeySourceOptions {
  readonly client: Etsi014Client;
  /** This service's SAE ID (as in its certificate) and the peer SAE the keys are shared with. */
  readonly localSaeId: string;
  readonly peerSaeId: string;
  /** Refill when the local stock falls below this many keys... */
  readonly lowWatermark: number;
  /** ...up to this many. */
  readonly highWatermark: number;
  readonly logger: Logger;
  readonly onAlarm?: (alarm: PoolAlarm) => void;
}

/**
 * QKD key material through an ETSI 014 KME, as master SAE: keeps a local stock between low and high
 * watermarks so a rotation does not wait for the KME, and raises alarms when the stock runs low or
 * out. Keys are handed out once and dropped; the key_IDs go into the provenance so the peer site can
 * fetch the same keys with dec_keys.
 */
export class Etsi014KeySource implements KeySource {
  readonly securityLevel = "qkd" as const;
  private readonly stock: DeliveredKey[] = [];
  private refilling: Promise<void> | undefined;
  private keySizeBits: number | undefined;

  constructor(private readonly options: Etsi014KeySourceOptions) {
    if (options.lowWatermark < 0 || options.highWatermark < Math.max(1, options.lowWatermark)) {
      throw new RangeError("watermarks must satisfy 0 <= low <= high, high >= 1");
    }
  }

  get stockCount(): number {
    return this.stock.length;
  }

  /** Pulls keys until the high watermark; concurrent callers share one refill. */
  refill(): Promise<void> {
    this.refilling ??= this.doRefill().finally(() => {
      this.refilling = undefined;
    });
    return this.refilling;
  }

  async obtain(request: KeyMaterialRequest): Promise<KeyMaterial> {
    if (this.stock.length === 0) await this.refill().catch(() => undefined);
    const keySize = this.keySizeBits ?? 256;
    const needed = Math.ceil((request.bytes * 8) / keySize);
    if (this.stock.length < needed) {
      this.alarm("empty");
      throw unavailable(`no QKD key available on the link ${this.options.localSaeId} -> ${this.options.peerSaeId}`);
    }
    const taken = this.stock.splice(0, needed);
    if (this.stock.length < this.options.lowWatermark) {
      this.alarm("low");
      void this.refill().catch(() => undefined);
    }
    const material = Buffer.concat(taken.map((k) => k.key)).subarray(0, request.bytes);
    const copy = Buffer.from(material);
    for (const k of taken) k.key.fill(0);
    return {
      material: copy,
      provenance: { securityLevel: "qkd", qkdKeyIds: taken.map((k) => k.keyId), path: [this.options.localSaeId, this.options.peerSaeId] },
    };
  }

  private async doRefill(): Promise<void> {
    const { client, peerSaeId, highWatermark, logger } = this.options;
    const status = await client.status(peerSaeId);
    this.keySizeBits = status.key_size;
    // Bounded: at most enough batches to reach the high watermark once.
    for (let round = 0; round < highWatermark && this.stock.length < highWatermark; round++) {
      const wanted = Math.min(highWatermark - this.stock.length, status.max_key_per_request);
      try {
        this.stock.push(...(await client.getKeys(peerSaeId, { number: wanted, size: status.key_size })));
      } catch (error) {
        logger.warn({ peerSaeId, stock: this.stock.length, err: error instanceof Error ? error.message : String(error) }, "qkd pool refill stopped");
        if (this.stock.length < this.options.lowWatermark) this.alarm(this.stock.length === 0 ? "empty" : "low");
        throw error;
      }
    }
  }

  private alarm(level: PoolAlarm["level"]): void {
    const alarm = { level, stock: this.stock.length };
    this.options.logger.warn({ peerSaeId: this.options.peerSaeId, ...alarm }, "qkd key pool alarm");
    this.options.onAlarm?.(alarm);
  }
}
