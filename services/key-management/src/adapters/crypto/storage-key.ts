import { hkdfSync } from "node:crypto";

/**
 * The 32-byte key sealing KEK material at rest: KEY_MANAGEMENT_STORAGE_KEY when configured, otherwise
 * derived (HKDF-SHA-256) from the platform signing secret, which the embedded mode keeps in its data
 * directory, so a restart over the same data can still unwrap what it stored.
 */
export function storageKeyFrom(configured: string | undefined, signingSecret: string): Buffer {
  if (configured) return Buffer.from(configured, "base64");
  return Buffer.from(hkdfSync("sha256", Buffer.from(signingSecret, "utf8"), Buffer.from("yunxi-key-management", "utf8"), "storage-key|v1", 32));
}
