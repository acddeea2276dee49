// tsyringe inside @peculiar/x509 needs the Reflect metadata polyfill loaded before it.
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALGORITHM = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const DAY_MS = 86_400_000;

/** A certificate and its private key, both PEM (PKCS#8 for the key). */
export interface PemIdentity {
  readonly cert: string;
  readonly key: string;
}

/** A throwaway PKI for the KME simulator: one CA, the KME's server certificate and one client per SAE. */
export interface SimulatorPki {
  readonly ca: PemIdentity;
  readonly kme: PemIdentity;
  readonly saes: ReadonlyMap<string, PemIdentity>;
}

/**
 * Generates the simulator's certificates in-process (no openssl binary), ECDSA P-256.
 * The KME certificate's CN is the KME ID and its SANs cover the listen host, so clients can pin
 * both; each SAE certificate's CN and DNS SAN is the SAE ID, which the KME reads as the caller.
 */
export async function generateSimulatorPki(options: {
  kmeId: string;
  saeIds: readonly string[];
  hosts?: readonly string[];
  validDays?: number;
}): Promise<SimulatorPki> {
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(Date.now() + (options.validDays ?? 30) * DAY_MS);
  const caKeys = await webcrypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"]);
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${escapeDn(options.kmeId)} simulator CA`,
    notBefore,
    notAfter,
    keys: caKeys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });

  async function issue(cn: string, sans: { type: "dns" | "ip"; value: string }[], usage: string): Promise<PemIdentity> {
    const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"]);
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serial(),
      subject: `CN=${escapeDn(cn)}`,
      issuer: caCert.subject,
      notBefore,
      notAfter,
      publicKey: keys.publicKey,
      signingKey: caKeys.privateKey,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement, true),
        new x509.ExtendedKeyUsageExtension([usage]),
        new x509.SubjectAlternativeNameExtension(sans),
        await x509.AuthorityKeyIdentifierExtension.create(caCert),
      ],
    });
    const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
    return { cert: cert.toString("pem"), key: toPem(pkcs8, "PRIVATE KEY") };
  }

  const hosts = options.hosts ?? ["localhost", "127.0.0.1"];
  const kme = await issue(
    options.kmeId,
    [{ type: "dns", value: options.kmeId }, ...hosts.map((h) => ({ type: /^[0-9.]+$|:/.test(h) ? ("ip" as const) : ("dns" as const), value: h }))],
    x509.ExtendedKeyUsage.serverAuth,
  );
  const saes = new Map<string, PemIdentity>();
  for (const sae of options.saeIds) saes.set(sae, await issue(sae, [{ type: "dns", value: sae }], x509.ExtendedKeyUsage.clientAuth));
  const caPkcs8 = await webcrypto.subtle.exportKey("pkcs8", caKeys.privateKey);
  return { ca: { cert: caCert.toString("pem"), key: toPem(caPkcs8, "PRIVATE KEY") }, kme, saes };
}

function serial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f; // positive INTEGER
  return Buffer.from(bytes).toString("hex");
}

function escapeDn(value: string): string {
  return value.replace(/([,+"\\<>;=])/g, "\\$1");
}

function toPem(der: ArrayBuffer, label: string): string {
  const b64 = Buffer.from(der).toString("base64").replace(/(.{64})/g, "$1\n").replace(/\n$/, "");
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}
