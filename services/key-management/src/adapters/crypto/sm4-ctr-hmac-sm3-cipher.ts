import { createCipheriv, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { invalidArgument } from "@yunxi/platform";
import type { SuiteCipher } from "../../app/ports.js";
import { NonceSequence } from "./nonce-sequence.js";

const NONCE_BYTES = 12;
const TAG_BYTES = 32;
/** The low 32 bits of the CTR block are the block counter, so one message may hold 2^32 blocks. */
const MAX_PLAINTEXT_BYTES = 2 ** 32 * 16 - 1;

/**
 * SM4-CTR (GB/T 32907) with HMAC-SM3 (GB/T 32905) encrypt-then-MAC, keys split by HKDF-SM3.
 * Node 20's OpenSSL 3.0 has native SM4-CTR and SM3 but no SM4-GCM. Body: nonce ‖ ciphertext ‖ tag.
 * The 32-byte key is the same size as an AES-256 key so data keys look the same in both suites.
 */
export class Sm4CtrHmacSm3Cipher implements SuiteCipher {
  readonly suite = "sm4-ctr-hmac-sm3" as const;

  constructor(private readonly nonces: NonceSequence = new NonceSequence()) {}

  deriveKey(ikm: Buffer, salt: Buffer, info: string): Buffer {
    return Buffer.from(hkdfSync("sm3", ikm, salt, Buffer.from(info, "utf8"), 32));
  }

  seal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
    if (plaintext.length > MAX_PLAINTEXT_BYTES) throw invalidArgument("plaintext is too large for one SM4-CTR message");
    const { encKey, macKey } = splitKey(key);
    const nonce = this.nonces.next();
    const cipher = createCipheriv("sm4-ctr", encKey, counterBlock(nonce));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([nonce, ciphertext, mac(macKey, aad, nonce, ciphertext)]);
  }

  open(key: Buffer, body: Buffer, aad: Buffer): Buffer {
    if (body.length < NONCE_BYTES + TAG_BYTES) throw invalidArgument("ciphertext is too short");
    const { encKey, macKey } = splitKey(key);
    const nonce = body.subarray(0, NONCE_BYTES);
    const ciphertext = body.subarray(NONCE_BYTES, body.length - TAG_BYTES);
    const tag = body.subarray(body.length - TAG_BYTES);
    if (!timingSafeEqual(tag, mac(macKey, aad, nonce, ciphertext))) throw invalidArgument("ciphertext failed authentication");
    const decipher = createCipheriv("sm4-ctr", encKey, counterBlock(nonce));
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  }
}

function splitKey(key: Buffer): { encKey: Buffer; macKey: Buffer } {
  if (key.length !== 32) throw new RangeError("suite key must be 32 bytes");
  const okm = Buffer.from(hkdfSync("sm3", key, Buffer.alloc(0), Buffer.from("yunxi sm4-ctr-hmac-sm3 v1", "utf8"), 48));
  return { encKey: okm.subarray(0, 16), macKey: okm.subarray(16) };
}

function counterBlock(nonce: Buffer): Buffer {
  return Buffer.concat([nonce, Buffer.alloc(4)]);
}

/** The AAD length prefix stops an attacker from moving bytes between AAD and ciphertext. */
function mac(macKey: Buffer, aad: Buffer, nonce: Buffer, ciphertext: Buffer): Buffer {
  const length = Buffer.alloc(8);
  length.writeBigUInt64BE(BigInt(aad.length));
  return createHmac("sm3", macKey).update(length).update(aad).update(nonce).update(ciphertext).digest();
}
