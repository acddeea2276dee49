import type { MaterialSealer } from "../../app/ports.js";
import { AesGcmCipher } from "./aes-gcm-cipher.js";

/**
 * Seals key material at rest with AES-256-GCM under the storage key, binding the key ring and version
 * as associated data so sealed material cannot be moved to another key. The storage key comes from
 * configuration (an HSM or operator-held secret in production).
 */
export class AesGcmMaterialSealer implements MaterialSealer {
  private readonly cipher = new AesGcmCipher();
  private readonly storageKey: Buffer;

  constructor(storageKey: Buffer) {
    if (storageKey.length !== 32) throw new RangeError("storage key must be 32 bytes");
    this.storageKey = Buffer.from(storageKey);
  }

  seal(material: Buffer, context: string): Buffer {
    return this.cipher.seal(this.storageKey, material, Buffer.from(context, "utf8"));
  }

  unseal(sealed: Buffer, context: string): Buffer {
    return this.cipher.open(this.storageKey, sealed, Buffer.from(context, "utf8"));
  }
}
