import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { invalidArgument } from "@yunxi/platform";
import type { CheckpointSigner } from "../../app/ports.js";
import { keyIdOf } from "../../domain/checkpoint.js";
import type { PrismaClient } from "../../generated/prisma/client.js";

/** Signs checkpoints with an Ed25519 key; knows the public halves of every key the ledger has used. */
export class Ed25519CheckpointSigner implements CheckpointSigner {
  readonly keyId: string;
  readonly publicKeyPem: string;
  readonly #privateKey: KeyObject;
  readonly #known: ReadonlyMap<string, string>;

  constructor(privateKey: KeyObject, known: ReadonlyMap<string, string> = new Map()) {
    if (privateKey.asymmetricKeyType !== "ed25519") throw invalidArgument("the checkpoint signing key must be Ed25519");
    const publicKey = createPublicKey(privateKey);
    this.#privateKey = privateKey;
    this.keyId = keyIdOf(publicKey);
    this.publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
    this.#known = new Map([...known, [this.keyId, this.publicKeyPem]]);
  }

  /** A fresh key held only in memory (tests). */
  static generate(): Ed25519CheckpointSigner {
    return new Ed25519CheckpointSigner(generateKeyPairSync("ed25519").privateKey);
  }

  /**
   * The signing key: `configuredPem` (PKCS#8 PEM) when given, its public half recorded; otherwise the key
   * generated on first start and kept in the `signing_key` table (concurrent first starts agree on one:
   * the slot is unique and the loser's insert does nothing).
   */
  static async loadOrCreate(prisma: PrismaClient, configuredPem?: string): Promise<Ed25519CheckpointSigner> {
    let privateKey: KeyObject;
    if (configuredPem) {
      try {
        privateKey = createPrivateKey(configuredPem);
      } catch {
        throw invalidArgument("AUDIT_SIGNING_KEY is not a PKCS#8 PEM private key");
      }
      const signer = new Ed25519CheckpointSigner(privateKey);
      await prisma.signingKey.createMany({ data: [{ keyId: signer.keyId, algorithm: "Ed25519", publicKeyPem: signer.publicKeyPem }], skipDuplicates: true });
    } else {
      const generated = generateKeyPairSync("ed25519");
      const publicKeyPem = generated.publicKey.export({ type: "spki", format: "pem" }).toString();
      await prisma.signingKey.createMany({
        data: [{ keyId: keyIdOf(generated.publicKey), slot: "current", algorithm: "Ed25519", publicKeyPem, privateKeyPem: generated.privateKey.export({ type: "pkcs8", format: "pem" }).toString() }],
        skipDuplicates: true,
      });
      const current = await prisma.signingKey.findUnique({ where: { slot: "current" } });
      if (!current?.privateKeyPem) throw new Error("the generated checkpoint signing key was not stored");
      privateKey = createPrivateKey(current.privateKeyPem);
    }
    const known = new Map((await prisma.signingKey.findMany({ select: { keyId: true, publicKeyPem: true } })).map((k) => [k.keyId, k.publicKeyPem] as const));
    return new Ed25519CheckpointSigner(privateKey, known);
  }

  sign(data: Uint8Array): string {
    return sign(null, data, this.#privateKey).toString("base64");
  }

  publicKeyOf(keyId: string): string | undefined {
    return this.#known.get(keyId);
  }
}
