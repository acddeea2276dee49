import type { SigningKeyStore, StoredSigningKey } from "../../app/ports.js";
import { Prisma, type PrismaClient } from "../../generated/prisma/client.js";

const CURRENT = "current";

/** Signing keys in identity's schema (table `signing_key`). */
export class PrismaSigningKeyStore implements SigningKeyStore {
  constructor(private readonly prisma: PrismaClient) {}

  async list(): Promise<StoredSigningKey[]> {
    const rows = await this.prisma.signingKey.findMany({ where: { retiredAt: null }, orderBy: { createdAt: "asc" } });
    return rows.map((row) => ({
      kid: row.kid,
      alg: "ES256",
      publicJwk: row.publicJwk as Record<string, unknown>,
      sealedPrivateKey: row.sealedPrivateKey,
      current: row.slot === CURRENT,
      createdAt: row.createdAt,
    }));
  }

  async insertCurrent(key: StoredSigningKey): Promise<boolean> {
    try {
      await this.prisma.signingKey.create({
        data: { kid: key.kid, alg: key.alg, publicJwk: key.publicJwk as Prisma.InputJsonObject, sealedPrivateKey: new Uint8Array(key.sealedPrivateKey), slot: CURRENT, createdAt: key.createdAt },
      });
      return true;
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
      throw error;
    }
  }
}
