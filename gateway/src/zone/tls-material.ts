import { failedPrecondition } from "@yunxi/platform";
import { X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { PeerCertificate } from "node:tls";
import { ZONE_NAME_PATTERN } from "./zone-config.js";

/** The three files of a tunnel endpoint, as a Kubernetes TLS secret with a CA lays them out. */
export interface TlsMaterial {
  readonly cert: Buffer;
  readonly key: Buffer;
  readonly ca: Buffer;
}

const CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

/**
 * Reads tls.crt, tls.key and ca.crt from `dir`. Read on every dial/start rather than once, so renewed
 * certificates are picked up without a restart of the zone. Names the missing file, never its content.
 */
export async function readTlsMaterial(dir: string): Promise<TlsMaterial> {
  const read = async (name: string) => {
    try {
      return await readFile(join(dir, name));
    } catch (error) {
      throw failedPrecondition(`cannot read ${name} in ${dir}: ${(error as NodeJS.ErrnoException).code ?? "error"}`, { cause: error });
    }
  };
  const [cert, key, ca] = await Promise.all([read("tls.crt"), read("tls.key"), read("ca.crt")]);
  return { cert, key, ca };
}

/** The CN of a certificate subject string as Node prints it (`CN=finance-dept\nO=…`). */
function commonNameOf(subject: string): string | undefined {
  return /(?:^|\n)CN=([^\n]*)/.exec(subject)?.[1];
}

/** The zone name a zone certificate carries (its CN), or undefined when the CN is not a valid zone name. */
export function zoneNameOfPem(pem: Buffer | string): string | undefined {
  const cn = commonNameOf(new X509Certificate(pem).subject);
  return cn !== undefined && ZONE_NAME_PATTERN.test(cn) ? cn : undefined;
}

/**
 * The zone a verified client certificate speaks for: its subject CN, which must be a valid zone name.
 * A certificate restricted by extendedKeyUsage must allow client authentication, so a leaked server
 * certificate from the same CA cannot pose as a zone. Undefined = refuse the connection.
 */
export function zoneNameOfPeer(certificate: PeerCertificate): string | undefined {
  if (!certificate || Object.keys(certificate).length === 0) return undefined;
  const usages = (certificate as PeerCertificate & { ext_key_usage?: string[] }).ext_key_usage;
  if (usages && !usages.includes(CLIENT_AUTH)) return undefined;
  const cn = certificate.subject?.CN;
  const name = Array.isArray(cn) ? undefined : cn;
  return name !== undefined && ZONE_NAME_PATTERN.test(name) ? name : undefined;
}
