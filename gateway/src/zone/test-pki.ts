import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Throwaway certificates for tunnel tests, made with the same openssl commands docs/operations.md gives
 * operators (so the documented commands are exercised). Nothing here is used outside tests.
 */
export interface TestPki {
  readonly root: string;
  /** Writes a CA; later certificates are signed by the most recent `ca()` unless another is named. */
  ca(name: string): string;
  /** A directory with tls.crt/tls.key signed by `caName` plus that CA's ca.crt, as the gateway reads it. */
  server(dirName: string, caName: string, subjectAltName: string, days?: number): string;
  client(dirName: string, caName: string, commonName: string, extendedKeyUsage?: string, days?: number): string;
  dispose(): void;
}

export function createTestPki(): TestPki {
  const root = mkdtempSync(join(tmpdir(), "yunxi-zone-pki-"));
  const openssl = (args: string[]) => execFileSync("openssl", args, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
  const newKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
  const leaf = (dirName: string, caName: string, commonName: string, extensions: string, days: number) => {
    const dir = join(root, dirName);
    mkdirSync(dir, { recursive: true });
    openssl(["req", ...newKey, "-keyout", join(dir, "tls.key"), "-out", join(dir, "tls.csr"), "-subj", `/CN=${commonName}`]);
    writeFileSync(join(dir, "ext.cnf"), extensions);
    openssl([
      "x509", "-req", "-in", join(dir, "tls.csr"), "-CA", join(root, caName, "ca.crt"), "-CAkey", join(root, caName, "ca.key"),
      "-CAcreateserial", "-days", String(days), "-out", join(dir, "tls.crt"), "-extfile", join(dir, "ext.cnf"),
    ]);
    execFileSync("cp", [join(root, caName, "ca.crt"), join(dir, "ca.crt")]);
    return dir;
  };
  return {
    root,
    ca(name) {
      const dir = join(root, name);
      mkdirSync(dir, { recursive: true });
      openssl([
        "req", "-x509", ...newKey, "-keyout", join(dir, "ca.key"), "-out", join(dir, "ca.crt"), "-days", "2", "-subj", `/CN=${name}`,
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
      ]);
      return dir;
    },
    server(dirName, caName, subjectAltName, days = 2) {
      return leaf(dirName, caName, "yunxi-tunnel", `subjectAltName=${subjectAltName}\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n`, days);
    },
    client(dirName, caName, commonName, extendedKeyUsage = "clientAuth", days = 2) {
      return leaf(dirName, caName, commonName, `extendedKeyUsage=${extendedKeyUsage}\nkeyUsage=critical,digitalSignature\n`, days);
    },
    dispose() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

const SECRET_FILES = ["tls.crt", "tls.key", "ca.crt"] as const;
let secretVersion = 0;

/**
 * Publishes the files of `sourceDir` in `volumeDir` the way the kubelet updates a mounted Secret: a new
 * hidden version directory, a `..data` symlink renamed over the old one in one step, and `tls.crt` etc.
 * as symlinks through `..data`. Readers never see a half-written file, only old or new versions.
 */
export function publishAsSecretVolume(volumeDir: string, sourceDir: string): void {
  mkdirSync(volumeDir, { recursive: true });
  const version = `..${Date.now()}_${process.pid}_${(secretVersion += 1)}`;
  mkdirSync(join(volumeDir, version));
  for (const file of SECRET_FILES) copyFileSync(join(sourceDir, file), join(volumeDir, version, file));
  const data = join(volumeDir, "..data");
  const previous = existsSync(data) ? readlinkSync(data) : undefined;
  symlinkSync(version, join(volumeDir, "..data_tmp"));
  renameSync(join(volumeDir, "..data_tmp"), data);
  for (const file of SECRET_FILES) {
    if (!existsSync(join(volumeDir, file))) symlinkSync(join("..data", file), join(volumeDir, file));
  }
  if (previous !== undefined) rmSync(join(volumeDir, previous), { recursive: true, force: true });
}
