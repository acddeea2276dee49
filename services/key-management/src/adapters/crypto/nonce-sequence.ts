import { randomBytes } from "node:crypto";

/**
 * 96-bit nonces that never repeat within a process: a random 32-bit prefix chosen at start plus a
 * 64-bit counter. Random-only nonces can collide (birthday bound); a counter cannot, and the random
 * prefix separates process restarts. Usage limits per key version keep any one key far below 2^32 uses.
 */
export class NonceSequence {
  private readonly prefix: Buffer;
  private counter = 0n;

  constructor(prefix: Buffer = randomBytes(4)) {
    if (prefix.length !== 4) throw new RangeError("nonce prefix must be 4 bytes");
    this.prefix = Buffer.from(prefix);
  }

  next(): Buffer {
    const nonce = Buffer.alloc(12);
    this.prefix.copy(nonce, 0);
    nonce.writeBigUInt64BE(this.counter, 4);
    this.counter += 1n;
    return nonce;
  }
}
