import type { Logger } from "@yunxi/platform";
import { createHash } from "node:crypto";
import { inspectTlsMaterial, readTlsMaterial, type CertificateInfo, type TlsMaterial } from "./tls-material.js";

/** Below this much remaining validity the certificate in use is logged as a warning, once a day. */
export const CERTIFICATE_EXPIRY_WARNING_DAYS = 14;
const DAY_MS = 86_400_000;
/** How often expiry is still checked when reloading is switched off. */
const EXPIRY_CHECK_WITHOUT_RELOAD_MS = 3_600_000;

export interface TlsMaterialReloaderOptions {
  readonly dir: string;
  /** Which end of the tunnel the material is for, as log lines name it ("central listener", "zone client"). */
  readonly role: string;
  readonly logger: Logger;
  /** Seconds between looks at the files; 0 = read once at start and never again. */
  readonly reloadSeconds: number;
  /** A further rule the material must meet (e.g. the zone's own name); throws to refuse it. */
  readonly check?: (material: TlsMaterial, certificate: CertificateInfo) => void;
  /** Puts new material to use (not called for the first); throwing refuses it and keeps the old one. */
  readonly onChange?: (material: TlsMaterial, certificate: CertificateInfo) => void;
  /** Clock for the expiry warning (tests). */
  readonly now?: () => number;
}

interface Loaded {
  readonly material: TlsMaterial;
  readonly certificate: CertificateInfo;
  readonly hash: string;
}

/** Identifies a version of the three files without keeping or logging any of them. */
function versionOf(material: TlsMaterial): string {
  const hash = createHash("sha256");
  for (const part of [material.cert, material.key, material.ca]) hash.update(`${part.length}:`).update(part);
  return hash.digest("hex");
}

/**
 * Keeps a tunnel endpoint's TLS material current while the process runs. Kubernetes updates a mounted
 * Secret by swapping a `..data` symlink, which file watchers miss, so the files are polled and compared
 * by content hash. Changed material is put to use only when it is complete and consistent; otherwise the
 * material in use stays and the refusal is logged (once per bad version), and the next tick tries again.
 * Also warns, once a day, when the certificate in use is about to expire.
 */
export class TlsMaterialReloader {
  readonly #options: TlsMaterialReloaderOptions;
  readonly #now: () => number;
  #loaded: Loaded;
  #refused: string | undefined;
  #lastExpiryWarning: number | undefined;
  #inFlight: Promise<boolean> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  private constructor(options: TlsMaterialReloaderOptions, loaded: Loaded) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#loaded = loaded;
  }

  /**
   * Reads and checks the material once and starts polling. Rejects (FailedPrecondition) when the files
   * are missing or unusable at start: there is no older material to fall back on.
   */
  static async open(options: TlsMaterialReloaderOptions): Promise<TlsMaterialReloader> {
    const material = await readTlsMaterial(options.dir);
    const certificate = inspectTlsMaterial(material);
    options.check?.(material, certificate);
    const reloader = new TlsMaterialReloader(options, { material, certificate, hash: versionOf(material) });
    options.logger.info(reloader.#describe(certificate), "zone tunnel certificate in use");
    reloader.#checkExpiry();
    reloader.#schedule();
    return reloader;
  }

  /** The material new connections use. */
  get material(): TlsMaterial {
    return this.#loaded.material;
  }

  /** The certificate in use (serial number, fingerprint, validity). */
  get certificate(): CertificateInfo {
    return this.#loaded.certificate;
  }

  /**
   * Looks at the files now and puts changed, valid material to use; true when it did. Never rejects
   * (refusals are logged). Does nothing when reloading is switched off (reloadSeconds 0).
   */
  reload(): Promise<boolean> {
    if (this.#options.reloadSeconds <= 0 || this.#closed) return Promise.resolve(false);
    // One look at a time: a dial and a tick at the same moment share it.
    this.#inFlight ??= this.#reload().finally(() => (this.#inFlight = undefined));
    return this.#inFlight;
  }

  /** One tick of the timer: reload (when switched on), then the expiry check. Exposed for tests. */
  async poll(): Promise<void> {
    await this.reload();
    this.#checkExpiry();
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
  }

  #schedule(): void {
    if (this.#closed) return;
    const { reloadSeconds } = this.#options;
    const delay = reloadSeconds > 0 ? reloadSeconds * 1000 : EXPIRY_CHECK_WITHOUT_RELOAD_MS;
    // A new timer only after the previous tick finished: ticks never overlap, however slow the volume.
    this.#timer = setTimeout(() => void this.poll().finally(() => this.#schedule()), delay);
    this.#timer.unref();
  }

  async #reload(): Promise<boolean> {
    let material: TlsMaterial;
    try {
      material = await readTlsMaterial(this.#options.dir);
    } catch (error) {
      return this.#refuse(`unreadable:${(error as Error).message}`, error);
    }
    const hash = versionOf(material);
    if (hash === this.#loaded.hash) {
      // Back to the files in use: a later breakage is news again and gets logged.
      this.#refused = undefined;
      return false;
    }
    if (hash === this.#refused) return false;
    let certificate: CertificateInfo;
    try {
      certificate = inspectTlsMaterial(material);
      this.#options.check?.(material, certificate);
      this.#options.onChange?.(material, certificate);
    } catch (error) {
      return this.#refuse(hash, error);
    }
    const previous = this.#loaded.certificate;
    this.#loaded = { material, certificate, hash };
    this.#refused = undefined;
    this.#lastExpiryWarning = undefined;
    this.#options.logger.info(
      { ...this.#describe(certificate), previousSerialNumber: previous.serialNumber, previousNotAfter: previous.notAfter.toISOString() },
      "zone tunnel certificate reloaded",
    );
    this.#checkExpiry();
    return true;
  }

  #refuse(version: string, error: unknown): false {
    if (version !== this.#refused) {
      this.#refused = version;
      // The reason names a file and a problem (see inspectTlsMaterial), never its content.
      this.#options.logger.error(
        { ...this.#describe(this.#loaded.certificate), reason: (error as Error).message },
        "zone tunnel certificate not reloaded: the files are incomplete or inconsistent; keeping the one in use",
      );
    }
    return false;
  }

  #checkExpiry(): void {
    const now = this.#now();
    const certificate = this.#loaded.certificate;
    const left = certificate.notAfter.getTime() - now;
    if (left > CERTIFICATE_EXPIRY_WARNING_DAYS * DAY_MS) return;
    if (this.#lastExpiryWarning !== undefined && now - this.#lastExpiryWarning < DAY_MS) return;
    this.#lastExpiryWarning = now;
    const fields = { ...this.#describe(certificate), daysLeft: Math.max(0, Math.floor(left / DAY_MS)) };
    if (left <= 0) this.#options.logger.error(fields, "zone tunnel certificate has expired: new tunnel connections fail until it is renewed");
    else this.#options.logger.warn(fields, "zone tunnel certificate expires soon: renew it");
  }

  #describe(certificate: CertificateInfo) {
    return {
      tls: this.#options.role,
      dir: this.#options.dir,
      subject: certificate.subject,
      serialNumber: certificate.serialNumber,
      fingerprint256: certificate.fingerprint256,
      notAfter: certificate.notAfter.toISOString(),
    };
  }
}
