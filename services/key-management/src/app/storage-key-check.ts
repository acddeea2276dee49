import { failedPrecondition, isYunxiError } from "@yunxi/platform";
import type { KeyStore, MaterialSealer } from "./ports.js";

/** The associated data a version's material is sealed with, so sealed material cannot move to another key. */
export function sealContext(organisationId: string, name: string, version: number): string {
  return `${organisationId}/${name}/${version}`;
}

/**
 * Refuses to run with a storage key that cannot open the stored material. Starting anyway would let new
 * keys be sealed under the wrong key while every existing ciphertext stays unreadable, which is worse
 * than not starting: the operator must restore the right KEY_MANAGEMENT_STORAGE_KEY (or signing secret).
 */
export async function verifyStorageKey(keys: KeyStore, sealer: MaterialSealer): Promise<void> {
  const sample = await keys.anySealedVersion();
  if (!sample) return;
  try {
    sealer.unseal(sample.sealedMaterial, sealContext(sample.organisationId, sample.name, sample.version)).fill(0);
  } catch (error) {
    if (!isYunxiError(error)) throw error;
    throw failedPrecondition(
      "stored key material cannot be unwrapped with the configured storage key (KEY_MANAGEMENT_STORAGE_KEY, or the key derived from the platform signing secret when it is unset); refusing to start rather than issue new keys",
      { cause: error },
    );
  }
}
