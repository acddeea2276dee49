import type { KeyProvenance, KeyRing, KeyVersion } from "../domain/key-ring.js";
import type { SecurityLevel, Suite } from "../domain/suites.js";

/** An authenticated cipher of one suite. Keys are 32 bytes in every suite. */
export interface SuiteCipher {
  readonly suite: Suite;
  /** HKDF with the suite's hash (SHA-256 or SM3), 32 bytes out. */
  deriveKey(ikm: Buffer, salt: Buffer, info: string): Buffer;
  /** Encrypts under a fresh, never-repeated nonce; returns the suite's body (nonce, ciphertext, tag). */
  seal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer;
  /** Decrypts and authenticates; a tampered body or wrong AAD is an InvalidArgument error. */
  open(key: Buffer, body: Buffer, aad: Buffer): Buffer;
}

/** What a key source is asked for: material for one new key-encryption-key version. */
export interface KeyMaterialRequest {
  readonly organisationId: string;
  readonly keyName: string;
  /** Bytes of material wanted (32 for every suite). */
  readonly bytes: number;
}

export interface KeyMaterial {
  readonly material: Buffer;
  readonly provenance: KeyProvenance;
}

/**
 * A source of key material for key-encryption keys: QKD (ETSI 014 KME, direct or relayed) or the
 * ML-KEM-768 + X25519 hybrid exchange. A QKD source that has no key throws an Unavailable error.
 */
export interface KeySource {
  readonly securityLevel: SecurityLevel;
  obtain(request: KeyMaterialRequest): Promise<KeyMaterial>;
}

/** A key ring as stored: metadata plus each version's material sealed under the storage key. */
export interface StoredKeyRing {
  readonly ring: KeyRing;
  readonly sealedMaterial: ReadonlyMap<number, Buffer>;
}

/** One version's sealed material and the names it is bound to (for checking the storage key at startup). */
export interface SealedVersion {
  readonly organisationId: string;
  readonly name: string;
  readonly version: number;
  readonly sealedMaterial: Buffer;
}

/**
 * Key rings and their wrapped versions. Counters change atomically so usage limits hold under concurrency.
 *
 * Every method that changes state takes the audit events announcing the change and records them in the
 * same transaction (the service's outbox): the change and its events are stored together or not at all,
 * so the evidence ledger cannot miss a key change that happened.
 */
export interface KeyStore {
  get(organisationId: string, name: string): Promise<StoredKeyRing | undefined>;
  /** AlreadyExists if the name is taken in that organisation. */
  create(stored: StoredKeyRing, events: readonly KeyOperationEvent[]): Promise<void>;
  addVersion(organisationId: string, name: string, version: KeyVersion, sealedMaterial: Buffer, events: readonly KeyOperationEvent[]): Promise<void>;
  setMinDecryptionVersion(organisationId: string, name: string, minDecryptionVersion: number, events: readonly KeyOperationEvent[]): Promise<void>;
  /**
   * Adds `count` operations to a version unless that would pass `limit`; returns whether it did, and
   * records `events` only if it did. This is the only place usage is counted, so the limit cannot be
   * overrun by concurrent callers, and every counted use has its audit event.
   */
  reserveOperations(organisationId: string, name: string, version: number, count: number, limit: number, events: readonly KeyOperationEvent[]): Promise<boolean>;
  /** Any one stored version (the newest), or undefined when the store holds none. */
  anySealedVersion(): Promise<SealedVersion | undefined>;
}

/** Per-organisation crypto policy. */
export interface OrganisationPolicy {
  readonly organisationId: string;
  readonly suite: Suite;
  /** Refuse (Unavailable) rather than fall back to PQC-only material when no QKD key can be had. */
  readonly requireQkd: boolean;
}

export interface PolicyStore {
  get(organisationId: string): Promise<OrganisationPolicy | undefined>;
  /** Replaces the policy and records `events` in the same transaction (see {@link KeyStore}). */
  put(policy: OrganisationPolicy, events: readonly KeyOperationEvent[]): Promise<void>;
}

/** Seals key material at rest under the storage key (which never leaves the process). */
export interface MaterialSealer {
  seal(material: Buffer, context: string): Buffer;
  unseal(sealed: Buffer, context: string): Buffer;
}

export type KeyOperation =
  | "create-key"
  | "rotate-key"
  | "set-key-config"
  | "set-policy"
  | "generate-data-key"
  | "encrypt"
  | "decrypt"
  | "rewrap"
  | "downgrade"
  | "downgrade-refused"
  | "relay-hop"
  | "relay-complete"
  | "qkd-pool-low";

/** An audit event for one key operation. Never carries key bits, plaintext or ciphertext. */
export interface KeyOperationEvent {
  readonly operation: KeyOperation;
  readonly outcome: "ok" | "refused" | "failed";
  readonly actor: string;
  readonly organisationId: string;
  readonly keyName: string;
  readonly keyVersion: number;
  readonly securityLevel: SecurityLevel | "";
  readonly qkdKeyIds: readonly string[];
  readonly path: readonly string[];
  readonly detail: string;
  readonly occurredAt: Date;
}

/**
 * Records audit events of operations that change no state (decrypt, refusals, relay hops). An
 * operation whose event cannot be recorded fails and returns nothing; events of state changes go
 * through the stores instead, in the change's own transaction.
 */
export interface AuditPublisher {
  publish(event: KeyOperationEvent): Promise<void>;
}

export interface Clock {
  now(): Date;
}
