import { invalidArgument } from "@yunxi/platform";
import { parseSecurityLevel, parseSuite, type SecurityLevel, type Suite } from "./suites.js";

/**
 * Self-describing ciphertext, modelled on Vault's `vault:v1:`:
 * `yunxi:v1:<suite>:<key name>:<key version>:<security level>:<base64url body>`.
 * The body is suite-specific (nonce, ciphertext, tag). Everything before the body is also
 * authenticated as associated data, so a header cannot be swapped onto another body.
 */
export interface CiphertextEnvelope {
  readonly suite: Suite;
  readonly keyName: string;
  readonly keyVersion: number;
  readonly securityLevel: SecurityLevel;
  readonly body: Buffer;
}

const PREFIX = "yunxi";
const FORMAT = "v1";

export function ciphertextHeader(envelope: Omit<CiphertextEnvelope, "body">): string {
  return [PREFIX, FORMAT, envelope.suite, envelope.keyName, String(envelope.keyVersion), envelope.securityLevel].join(":");
}

export function formatCiphertext(envelope: CiphertextEnvelope): string {
  return `${ciphertextHeader(envelope)}:${envelope.body.toString("base64url")}`;
}

export function parseCiphertext(text: string): CiphertextEnvelope {
  const parts = text.split(":");
  // The security level "qkd+pqc" contains no colon, so a well-formed text has exactly seven parts.
  if (parts.length !== 7 || parts[0] !== PREFIX) throw invalidArgument("ciphertext is not in yunxi:v1 format");
  const [, format, suite, keyName, version, level, body] = parts as [string, string, string, string, string, string, string];
  if (format !== FORMAT) throw invalidArgument(`unsupported ciphertext format ${format}`);
  const keyVersion = Number(version);
  if (!/^[1-9][0-9]{0,9}$/.test(version) || !Number.isSafeInteger(keyVersion)) throw invalidArgument("ciphertext key version is invalid");
  if (!/^[A-Za-z0-9_-]+$/.test(body)) throw invalidArgument("ciphertext body is not base64url");
  return { suite: parseSuite(suite), keyName, keyVersion, securityLevel: parseSecurityLevel(level), body: Buffer.from(body, "base64url") };
}
