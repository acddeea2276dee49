import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PlatformConfig } from "./platform-config.js";

/**
 * The secret that signs local presigned URLs when YUNXI_SIGNING_SECRET is not set: generated once and
 * kept (mode 0600) in the data directory, so URLs stay valid across restarts of the embedded platform.
 */
export function signingSecret(dataDir: string): string {
  const file = join(dataDir, "signing-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as { code?: string }).code === "EEXIST") return readFileSync(file, "utf8").trim();
    throw error;
  }
  chmodSync(file, 0o600);
  return secret;
}

/** The secret every process of one installation shares: YUNXI_SIGNING_SECRET, or the data-dir one when embedded. */
export function platformSigningSecret(platform: Pick<PlatformConfig, "SIGNING_SECRET" | "DATA_DIR">): string {
  return platform.SIGNING_SECRET ?? signingSecret(platform.DATA_DIR);
}
