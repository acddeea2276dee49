import type { Suite } from "../../domain/suites.js";
import type { SuiteCipher } from "../../app/ports.js";
import { AesGcmCipher } from "./aes-gcm-cipher.js";
import { Sm4CtrHmacSm3Cipher } from "./sm4-ctr-hmac-sm3-cipher.js";

/** One cipher per suite, sharing nothing: each keeps its own nonce sequence. */
export function createSuiteCiphers(): Readonly<Record<Suite, SuiteCipher>> {
  return Object.freeze({ "aes-256-gcm": new AesGcmCipher(), "sm4-ctr-hmac-sm3": new Sm4CtrHmacSm3Cipher() });
}
