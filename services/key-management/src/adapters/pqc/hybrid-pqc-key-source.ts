import { createHash, createPublicKey, randomUUID, diffieHellman, generateKeyPairSync, hkdfSync, type KeyObject } from "node:crypto";
import { ml_kem768 } from "@noble/post-quantum/ml-kem.js";
import type { KeyMaterial, KeyMaterialRequest, KeySource } from "../../app/ports.js";

/** What the initiator sends to the peer site: the ML-KEM-768 ciphertext and its X25519 ephemeral public key. */
export interface HybridEncapsulation {
  readonly exchangeId: string;
  readonly mlKemCipherText: Uint8Array;
  /** Raw 32-byte X25519 public key. */
  readonly x25519EphemeralPublicKey: Buffer;
  readonly context: string;
}

/** Public keys a peer site publishes (authenticated in production by its site certificate). */
export interface HybridPublicKeys {
  readonly siteId: string;
  readonly mlKem: Uint8Array;
  /** Raw 32-byte X25519 public key. */
  readonly x25519: Buffer;
}

/** The peer KMS: publishes its keys and completes an exchange (same derived secret on its side). */
export interface HybridKemPeer {
  publicKeys(): Promise<HybridPublicKeys>;
  accept(encapsulation: HybridEncapsulation): Promise<void>;
}

const X25519_SPKI_PREFIX = Buffer.from("302a300506032b656e032100", "hex");

/**
 * Combines the ML-KEM-768 and X25519 secrets with HKDF-SHA-256 over both ciphertexts and both public
 * keys (the X-Wing binding), so neither half can be swapped. Both sides run this same function.
 */
export function combineHybridSecrets(mlKemSecret: Uint8Array, x25519Secret: Buffer, encapsulation: HybridEncapsulation, peer: HybridPublicKeys, bytes: number): Buffer {
  const transcript = createHash("sha256")
    .update(encapsulation.mlKemCipherText)
    .update(encapsulation.x25519EphemeralPublicKey)
    .update(peer.mlKem)
    .update(peer.x25519)
    .digest();
  const ikm = Buffer.concat([mlKemSecret, x25519Secret]);
  try {
    return Buffer.from(hkdfSync("sha256", ikm, transcript, Buffer.from(`yunxi-hybrid-kem|${encapsulation.exchangeId}|${encapsulation.context}`, "utf8"), bytes));
  } finally {
    ikm.fill(0);
  }
}

/**
 * A peer site in this process: the embedded default and the test double. A remote peer speaks the
 * same two calls over the inter-site mTLS channel.
 */
export class LocalHybridKemPeer implements HybridKemPeer {
  private readonly mlKem = ml_kem768.keygen();
  private readonly x25519 = generateKeyPairSync("x25519");
  /** Secrets this peer derived, by exchange id, so tests can check both sides agree. */
  readonly derived = new Map<string, Buffer>();

  constructor(readonly siteId: string) {}

  async publicKeys(): Promise<HybridPublicKeys> {
    return { siteId: this.siteId, mlKem: this.mlKem.publicKey, x25519: rawX25519(this.x25519.publicKey) };
  }

  async accept(encapsulation: HybridEncapsulation): Promise<void> {
    // decapsulate wipes the secret key it is given, so hand it a copy.
    const mlKemSecret = ml_kem768.decapsulate(encapsulation.mlKemCipherText, Uint8Array.from(this.mlKem.secretKey));
    const ephemeral = createPublicKey({ key: Buffer.concat([X25519_SPKI_PREFIX, encapsulation.x25519EphemeralPublicKey]), format: "der", type: "spki" });
    const x25519Secret = diffieHellman({ privateKey: this.x25519.privateKey, publicKey: ephemeral });
    this.derived.set(encapsulation.exchangeId, combineHybridSecrets(mlKemSecret, x25519Secret, encapsulation, await this.publicKeys(), 32));
  }
}

/**
 * Key material from an ML-KEM-768 + X25519 hybrid exchange with the peer site: the fallback when no QKD
 * path exists (security level `pqc`), and the PQC half of `qkd+pqc`. Node 20 has X25519 but no ML-KEM,
 * which comes from @noble/post-quantum (pure JS).
 */
export class HybridPqcKeySource implements KeySource {
  readonly securityLevel = "pqc" as const;

  constructor(
    private readonly localSiteId: string,
    private readonly peer: HybridKemPeer,
  ) {}

  async obtain(request: KeyMaterialRequest): Promise<KeyMaterial> {
    const peerKeys = await this.peer.publicKeys();
    const { cipherText, sharedSecret } = ml_kem768.encapsulate(peerKeys.mlKem);
    const ephemeral = generateKeyPairSync("x25519");
    const peerX25519 = createPublicKey({ key: Buffer.concat([X25519_SPKI_PREFIX, peerKeys.x25519]), format: "der", type: "spki" });
    const x25519Secret = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: peerX25519 });
    const encapsulation: HybridEncapsulation = {
      exchangeId: randomUUID(),
      mlKemCipherText: cipherText,
      x25519EphemeralPublicKey: rawX25519(ephemeral.publicKey),
      context: `${request.organisationId}|${request.keyName}`,
    };
    const material = combineHybridSecrets(sharedSecret, x25519Secret, encapsulation, peerKeys, request.bytes);
    sharedSecret.fill(0);
    x25519Secret.fill(0);
    await this.peer.accept(encapsulation);
    return { material, provenance: { securityLevel: "pqc", qkdKeyIds: [], path: [this.localSiteId, peerKeys.siteId] } };
  }
}

function rawX25519(key: KeyObject): Buffer {
  return key.export({ format: "der", type: "spki" }).subarray(X25519_SPKI_PREFIX.length);
}
