import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import type { Command } from "../../domain/commands.js";
import { commandSigningInput } from "../../domain/commands.js";
import type { CommandKeyInfo, CommandSigner } from "../../app/ports.js";
import { encodeCommand, encodeSignedCommand } from "../protocol/device-protocol.js";

/** `key_id` of a raw Ed25519 public key: the first 16 hex digits of its sha256. */
export function commandKeyId(rawPublicKey: Uint8Array): string {
  return createHash("sha256").update(rawPublicKey).digest("hex").slice(0, 16);
}

/** Signs device commands with the platform's Ed25519 command key. */
export class Ed25519CommandSigner implements CommandSigner {
  readonly key: CommandKeyInfo;
  readonly #privateKey: KeyObject;

  constructor(privateKey: KeyObject) {
    if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("the command key must be an Ed25519 private key");
    this.#privateKey = privateKey;
    const publicKey = createPublicKey(privateKey);
    const jwk = publicKey.export({ format: "jwk" });
    const raw = Buffer.from(jwk.x ?? "", "base64url");
    this.key = { publicKey: raw, publicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString(), keyId: commandKeyId(raw) };
  }

  static fromPem(pem: string): Ed25519CommandSigner {
    return new Ed25519CommandSigner(createPrivateKey(pem));
  }

  static generate(): Ed25519CommandSigner {
    return new Ed25519CommandSigner(generateKeyPairSync("ed25519").privateKey);
  }

  /** PKCS#8 PEM of the private key, for the key file the embedded mode keeps. Never log it. */
  exportPrivatePem(): string {
    return this.#privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  }

  seal(command: Command): Uint8Array {
    const bytes = encodeCommand(command);
    const signature = sign(null, commandSigningInput(bytes), this.#privateKey);
    return encodeSignedCommand(bytes, signature, this.key.keyId);
  }
}
