import { createCipheriv, createDecipheriv, hkdfSync } from "node:crypto";
import { invalidArgument } from "@yunxi/platform";
import type { SuiteCipher } from "../../app/ports.js";
import { NonceSequence } from "./nonce-sequence.js";

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM (NIST SP 800-38D) with HKDF-SHA-256 key derivation. Body: nonce ‖ ciphertext ‖ tag. */
export class AesGcmCipher implements SuiteCipher {
  readonly suite = "aes-256-gcm" as const;

  constructor(private readonly nonces: NonceSequence = new NonceSequence()) {}

  deriveKey(ikm: Buffer, salt: Buffer, info: string): Buffer {
    return Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from(info, "utf8"), 32));
  }

  seal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
    checkKey(key);
    const nonce = this.nonces.next();
    const cipher = createCipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad);
    const body = Buffer.concat([nonce, cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([body, cipher.getAuthTag()]);
  }

  open(key: Buffer, body: Buffer, aad: Buffer): Buffer {
    checkKey(key);
    if (body.length < NONCE_BYTES + TAG_BYTES) throw invalidArgument("ciphertext is too short");
    const nonce = body.subarray(0, NONCE_BYTES);
    const tag = body.subarray(body.length - TAG_BYTES);
    const decipher = createDecipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(body.subarray(NONCE_BYTES, body.length - TAG_BYTES)), decipher.final()]);
    } catch {
      // OpenSSL's message says nothing useful to a caller; a failed tag is the only cause here.
      throw invalidArgument("ciphertext failed authentication");
    }
  }
}

function checkKey(key: Buffer): void {
  if (key.length !== 32) throw new RangeError("AES-256 key must be 32 bytes");
}
