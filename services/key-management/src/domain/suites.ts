import { invalidArgument } from "@yunxi/platform";

/**
 * Cipher suites a key ring can use. A key ring never mixes suites: the suite is fixed at creation.
 * - `aes-256-gcm`: AES-256-GCM, HKDF-SHA-256.
 * - `sm4-ctr-hmac-sm3`: SM4-CTR with HMAC-SM3 encrypt-then-MAC, HKDF-SM3 (GB/T 32907 / 32905);
 *   Node 20's OpenSSL has no SM4-GCM, and the native CTR + HMAC pair is ~3x faster than pure-JS GCM.
 */
export const SUITES = ["aes-256-gcm", "sm4-ctr-hmac-sm3"] as const;
export type Suite = (typeof SUITES)[number];

/**
 * Where a key-encryption key's material came from. `qkd`: QKD key (direct or relayed);
 * `qkd+pqc`: QKD key combined with an ML-KEM-768 + X25519 exchange; `pqc`: the hybrid exchange only.
 */
export const SECURITY_LEVELS = ["qkd", "qkd+pqc", "pqc"] as const;
export type SecurityLevel = (typeof SECURITY_LEVELS)[number];

export function parseSuite(value: string): Suite {
  if ((SUITES as readonly string[]).includes(value)) return value as Suite;
  throw invalidArgument(`unknown suite "${value}"`, { violations: [{ field: "suite", message: `one of ${SUITES.join(", ")}` }] });
}

export function parseSecurityLevel(value: string): SecurityLevel {
  if ((SECURITY_LEVELS as readonly string[]).includes(value)) return value as SecurityLevel;
  throw invalidArgument(`unknown security level "${value}"`);
}

/** Whether material of this level satisfies an organisation that requires QKD. */
export function satisfiesQkdRequirement(level: SecurityLevel): boolean {
  return level === "qkd" || level === "qkd+pqc";
}
