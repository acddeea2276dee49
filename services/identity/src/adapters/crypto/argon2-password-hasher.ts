import { hash, verify, type Algorithm } from "@node-rs/argon2";
import type { PasswordHasher } from "../../app/ports.js";

/** Argon2id cost parameters; OWASP's minimum recommendation is 19 MiB, 2 iterations, 1 lane. */
export interface Argon2Parameters {
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

// @node-rs/argon2 declares Algorithm as an ambient const enum, which verbatimModuleSyntax cannot read.
const ARGON2ID = 2 as Algorithm;

export const DEFAULT_ARGON2_PARAMETERS: Argon2Parameters = Object.freeze({ memoryCost: 19456, timeCost: 2, parallelism: 1 });

/**
 * argon2id through @node-rs/argon2 (a prebuilt native addon delivered as an optional dependency, so it
 * installs with npm scripts disabled). Hashes are PHC strings carrying their own parameters and salt, so
 * stronger parameters later still verify older hashes.
 */
export class Argon2PasswordHasher implements PasswordHasher {
  constructor(private readonly parameters: Argon2Parameters = DEFAULT_ARGON2_PARAMETERS) {}

  hash(password: string): Promise<string> {
    return hash(password, { algorithm: ARGON2ID, ...this.parameters });
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    if (!passwordHash.startsWith("$argon2id$")) return false;
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }
}
