import { createHash, createPublicKey, verify, type KeyObject } from "node:crypto";
import { canonicalJson } from "./canonical-json.js";

/** A signed statement that the organisation's first `treeSize` entries have Merkle root `rootHash`. */
export interface Checkpoint {
  readonly organisationId: string;
  readonly treeSize: number;
  /** Hex RFC 6962 root over the entry hashes 1..treeSize. */
  readonly rootHash: string;
  readonly createdAt: Date;
  readonly keyId: string;
  /** Base64 Ed25519 signature over {@link checkpointSigningInput}. */
  readonly signature: string;
}

const CHECKPOINT_DOMAIN = "yunxi.evidence.checkpoint.v1";

/** "yunxi.evidence.checkpoint.v1" || 0x00 || canonical JSON of every field but the signature. */
export function checkpointSigningInput(checkpoint: Omit<Checkpoint, "signature">): Buffer {
  const body = canonicalJson({
    organisationId: checkpoint.organisationId,
    treeSize: checkpoint.treeSize,
    rootHash: checkpoint.rootHash,
    createdAt: checkpoint.createdAt.toISOString(),
    keyId: checkpoint.keyId,
  });
  return Buffer.concat([Buffer.from(CHECKPOINT_DOMAIN), Buffer.from([0]), Buffer.from(body)]);
}

/** First 16 bytes of SHA-256 over the DER SubjectPublicKeyInfo, hex: names a key without trusting a label. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash("sha256").update(publicKey.export({ type: "spki", format: "der" })).digest("hex").slice(0, 32);
}

/** Checks a checkpoint's signature with an Ed25519 public key (PEM SPKI) and that the key is the one it names. */
export function verifyCheckpointSignature(checkpoint: Checkpoint, publicKeyPem: string): boolean {
  let key: KeyObject;
  try {
    key = createPublicKey(publicKeyPem);
  } catch {
    return false;
  }
  if (key.asymmetricKeyType !== "ed25519" || keyIdOf(key) !== checkpoint.keyId) return false;
  return verify(null, checkpointSigningInput(checkpoint), key, Buffer.from(checkpoint.signature, "base64"));
}
