import { failedPrecondition } from "@yunxi/platform";
import { createPrivateKey, X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createSecureContext, type PeerCertificate } from "node:tls";
import { ZONE_NAME_PATTERN } from "./zone-config.js";

/** The three files of a tunnel endpoint, as a Kubernetes TLS secret with a CA lays them out. */
export interface TlsMaterial {
  readonly cert: Buffer;
  readonly key: Buffer;
  readonly ca: Buffer;
}

const CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

/** What a certificate in use says about itself; safe to log and to show (no key material). */
export interface CertificateInfo {
  readonly subject: string;
  readonly serialNumber: string;
  /** SHA-256 fingerprint as `openssl x509 -noout -fingerprint -sha256` prints it. */
  readonly fingerprint256: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** Describes a certificate (the first one of a PEM bundle). */
export function certificateInfoOf(pem: Buffer | string): CertificateInfo {
  const certificate = new X509Certificate(pem);
  return {
    subject: certificate.subject.replace(/\n/g, ", "),
    serialNumber: certificate.serialNumber,
    fingerprint256: certificate.fingerprint256,
    notBefore: new Date(certificate.validFrom),
    notAfter: new Date(certificate.validTo),
  };
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Checks that the three files make a usable endpoint identity before anything uses them: a parsable
 * certificate, a private key that belongs to it, at least one CA certificate, and a context Node accepts.
 * A half-written or mismatched Secret fails here instead of in every handshake. Errors name the file
 * and the problem, never the content.
 */
export function inspectTlsMaterial(material: TlsMaterial): CertificateInfo {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(material.cert);
  } catch (error) {
    throw failedPrecondition("tls.crt holds no readable PEM certificate", { cause: error });
  }
  let key: ReturnType<typeof createPrivateKey>;
  try {
    key = createPrivateKey(material.key);
  } catch (error) {
    throw failedPrecondition("tls.key holds no readable PEM private key", { cause: error });
  }
  if (!certificate.checkPrivateKey(key)) throw failedPrecondition("tls.key does not belong to the certificate in tls.crt");
  const authorities = material.ca.toString("latin1").match(PEM_CERTIFICATE) ?? [];
  if (authorities.length === 0) throw failedPrecondition("ca.crt holds no PEM certificate");
  for (const authority of authorities) {
    try {
      new X509Certificate(authority);
    } catch (error) {
      throw failedPrecondition("ca.crt holds a certificate that cannot be read", { cause: error });
    }
  }
  try {
    createSecureContext({ cert: material.cert, key: material.key, ca: material.ca });
  } catch (error) {
    throw failedPrecondition(`the TLS library refuses tls.crt, tls.key and ca.crt together (${(error as { code?: string }).code ?? "error"})`, { cause: error });
  }
  return certificateInfoOf(material.cert);
}

/**
 * Reads tls.crt, tls.key and ca.crt from `dir`. A Secret update between two of the reads can mix
 * versions; {@link inspectTlsMaterial} refuses such a mix. Names the missing file, never its content.
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
