import { failedPrecondition, invalidArgument, resourceExhausted } from "@yunxi/platform";
import type { SecurityLevel, Suite } from "./suites.js";

/**
 * NIST SP 800-38D bounds random-nonce GCM at 2^32 invocations per key; Vault rotates just below it.
 * We use the same ceiling as the default per-version usage limit.
 */
export const DEFAULT_MAX_OPERATIONS_PER_VERSION = 3_865_470_566;

const KEY_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const ORGANISATION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function checkKeyName(name: string): string {
  if (!KEY_NAME.test(name)) {
    throw invalidArgument("invalid key name", { violations: [{ field: "name", message: "1-63 chars of a-z 0-9 . _ -, starting with a letter or digit" }] });
  }
  return name;
}

export function checkOrganisationId(id: string): string {
  if (!ORGANISATION_ID.test(id)) {
    throw invalidArgument("invalid organisation id", { violations: [{ field: "organisationId", message: "1-128 chars of A-Z a-z 0-9 . _ : -" }] });
  }
  return id;
}

/** Where a version's key material came from, recorded for audit and so a peer site can derive the same KEK. */
export interface KeyProvenance {
  readonly securityLevel: SecurityLevel;
  /** ETSI 014 key_IDs (QKD) that fed the derivation; empty for pure PQC. */
  readonly qkdKeyIds: readonly string[];
  /** Trusted-node path for relayed keys, or the direct link, e.g. ["site-a", "site-b"]. */
  readonly path: readonly string[];
}

/** One version of a key-encryption key. Material is stored wrapped (see KeyStore). */
export interface KeyVersion {
  readonly version: number;
  readonly createdAt: Date;
  readonly provenance: KeyProvenance;
  /** Encryptions (encrypt, data-key, rewrap target) performed with this version. */
  readonly operations: number;
}

/** A named key-encryption key of one organisation, with its versions (Vault Transit's "key"). */
export interface KeyRing {
  readonly organisationId: string;
  readonly name: string;
  readonly suite: Suite;
  readonly versions: readonly KeyVersion[];
  /** Ciphertexts of older versions are refused (they must have been rewrapped). */
  readonly minDecryptionVersion: number;
  readonly maxOperationsPerVersion: number;
}

export function latestVersion(ring: KeyRing): KeyVersion {
  const latest = ring.versions[ring.versions.length - 1];
  if (!latest) throw failedPrecondition(`key ${ring.name} has no versions`);
  return latest;
}

/** The version to encrypt with, or a ResourceExhausted error once its usage limit is reached. */
export function versionForEncryption(ring: KeyRing): KeyVersion {
  const latest = latestVersion(ring);
  if (latest.operations >= ring.maxOperationsPerVersion) {
    throw resourceExhausted(`key ${ring.name} version ${latest.version} reached its usage limit; rotate the key`);
  }
  return latest;
}

export function needsRotation(ring: KeyRing): boolean {
  return latestVersion(ring).operations >= ring.maxOperationsPerVersion;
}

/** The version a ciphertext names, if it may still be decrypted. */
export function versionForDecryption(ring: KeyRing, version: number): KeyVersion {
  if (version < ring.minDecryptionVersion) {
    throw failedPrecondition(`key ${ring.name} version ${version} is below the minimum decryption version ${ring.minDecryptionVersion}`);
  }
  const found = ring.versions.find((v) => v.version === version);
  if (!found) throw invalidArgument(`key ${ring.name} has no version ${version}`);
  return found;
}

export function withNewVersion(ring: KeyRing, provenance: KeyProvenance, now: Date): KeyRing {
  const next = ring.versions.length === 0 ? 1 : latestVersion(ring).version + 1;
  return { ...ring, versions: [...ring.versions, { version: next, createdAt: now, provenance, operations: 0 }] };
}

export function withOperations(ring: KeyRing, version: number, count: number): KeyRing {
  return { ...ring, versions: ring.versions.map((v) => (v.version === version ? { ...v, operations: v.operations + count } : v)) };
}

export function withMinDecryptionVersion(ring: KeyRing, minDecryptionVersion: number): KeyRing {
  const latest = latestVersion(ring).version;
  if (!Number.isInteger(minDecryptionVersion) || minDecryptionVersion < 1 || minDecryptionVersion > latest) {
    throw invalidArgument(`minimum decryption version must be between 1 and ${latest}`, {
      violations: [{ field: "minDecryptionVersion", message: `1..${latest}` }],
    });
  }
  return { ...ring, minDecryptionVersion };
}
