import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { after, before, describe, it } from "node:test";
import tls from "node:tls";
import { createRootLogger, httpStatusOf, kindOf, publicMessage, type PlatformConfig, type Principal, type TokenVerifier } from "@yunxi/platform";
import { eventually } from "@yunxi/platform/testing";
import Fastify from "fastify";
import { createTestPki, publishAsSecretVolume, type TestPki } from "./test-pki.js";
import { certificateInfoOf } from "./tls-material.js";
import { TlsMaterialReloader } from "./tls-reloader.js";
import { installCentralZoneRouting, installZoneSide, type ZoneSettings } from "./zone-gateway.js";

type LogLine = { level: string; msg: string; [field: string]: unknown };
const logText: string[] = [];
const capture = (into: string[]) => new Writable({ write: (chunk, _encoding, done) => (into.push(String(chunk)), done()) });
const logger = createRootLogger({ level: "debug", destination: capture(logText) });
const logLines = (text: string[] = logText): LogLine[] => text.join("").split("\n").filter(Boolean).map((line) => JSON.parse(line) as LogLine);

const verifier: TokenVerifier = {
  async verify() {
    return { subject: "u1", roles: [], expiresAt: new Date(Date.now() + 60_000), claims: {} } satisfies Principal;
  },
};
const platform = { BIND_HOST: "127.0.0.1", HTTP_PORT: 0, CONNECT_TIMEOUT_MS: 2_000 } as PlatformConfig;
/** Short enough that a test waits a fraction of a second for a tick (the setting is whole seconds in production). */
const RELOAD_SECONDS = 0.05;


const fingerprintOf = (dir: string) => certificateInfoOf(readFileSync(join(dir, "tls.crt"))).fingerprint256;
const serialOf = (dir: string) => certificateInfoOf(readFileSync(join(dir, "tls.crt"))).serialNumber;

/** A fresh TLS handshake with the central as a zone would make it; resolves with the certificate it presented. */
function presentedBy(port: number, clientDir: string, extra: tls.ConnectionOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: "127.0.0.1",
      port,
      cert: readFileSync(join(clientDir, "tls.crt")),
      key: readFileSync(join(clientDir, "tls.key")),
      ca: readFileSync(join(clientDir, "ca.crt")),
      ALPNProtocols: ["h2"],
      ...extra,
    });
    const timer = setTimeout(() => socket.destroy(new Error("no handshake within 2 s")), 2_000);
    socket.once("secureConnect", () => {
      clearTimeout(timer);
      const fingerprint = socket.getPeerCertificate().fingerprint256;
      socket.destroy();
      resolve(fingerprint);
    });
    socket.once("error", (error) => (clearTimeout(timer), reject(error)));
  });
}

/** Copies the three files of `from` into `dir` one by one, like an operator's `cp` (not atomic). */
function copyFiles(from: string, dir: string, files = ["tls.crt", "tls.key", "ca.crt"]): void {
  mkdirSync(dir, { recursive: true });
  for (const file of files) copyFileSync(join(from, file), join(dir, file));
}

describe("zone tunnel certificate renewal without a restart", () => {
  let pki: TestPki;
  const dirs: Record<string, string> = {};
  const cleanups: (() => unknown)[] = [];
  before(() => {
    pki = createTestPki();
    pki.ca("zone-ca");
    dirs.centralA = pki.server("central-a", "zone-ca", "IP:127.0.0.1");
    dirs.centralB = pki.server("central-b", "zone-ca", "IP:127.0.0.1");
    dirs.centralLong = pki.server("central-long", "zone-ca", "IP:127.0.0.1", 30);
    dirs.financeA = pki.client("finance-a", "zone-ca", "finance");
    dirs.financeB = pki.client("finance-b", "zone-ca", "finance");
    dirs.legal = pki.client("legal", "zone-ca", "legal");
  });
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    pki.dispose();
  });

  /** The central gateway's zone routing on `tlsDir`, reloading every RELOAD_SECONDS. */
  async function startCentral(tlsDir: string) {
    const app = Fastify();
    app.setErrorHandler((error, _request, reply) => void reply.status(httpStatusOf(error)).send({ error: { kind: kindOf(error), message: publicMessage(error) } }));
    const settings: ZoneSettings = {
      ZONE_TUNNEL_PORT: 0,
      ZONE_TUNNEL_TLS_DIR: tlsDir,
      ZONE_RECONNECT_MAX_MS: 200,
      ZONE_REQUEST_IDLE_TIMEOUT_MS: 5_000,
      ZONE_TLS_RELOAD_SECONDS: RELOAD_SECONDS,
    };
    const routing = await installCentralZoneRouting(app, { settings, platform, logger, verifier, localOrigin: () => "http://127.0.0.1:1", jwks: async () => "{}" });
    cleanups.push(() => app.close(), () => routing.close());
    await app.listen({ host: "127.0.0.1", port: 0 });
    const port = await routing.listen();
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    return { routing, tunnel: routing.tunnel, port, url };
  }

  /** A zone gateway (the real installZoneSide wiring) on `tlsDir`, dialing `centralPort`; its requests reach an echo app. */
  async function startZone(tlsDir: string, centralPort: number) {
    const local = Fastify();
    local.get("/api/v1/echo", async () => ({ zone: "finance" }));
    await local.listen({ host: "127.0.0.1", port: 0 });
    const address = local.server.address();
    const localPort = typeof address === "object" && address ? address.port : 0;
    const gateway = Fastify();
    const side = await installZoneSide(gateway, {
      settings: {
        ZONE_NAME: "finance",
        ZONE_CENTRAL_ADDRESS: `127.0.0.1:${centralPort}`,
        ZONE_TLS_DIR: tlsDir,
        ZONE_RECONNECT_MAX_MS: 200,
        ZONE_REQUEST_IDLE_TIMEOUT_MS: 5_000,
        ZONE_TLS_RELOAD_SECONDS: RELOAD_SECONDS,
      },
      platform,
      logger,
      local: () => ({ host: "127.0.0.1", port: localPort }),
    });
    cleanups.push(() => local.close(), () => gateway.close(), () => side.close());
    side.dialer.start();
    return side;
  }

  const echo = (url: string) => fetch(`${url}/zones/finance/api/v1/echo`, { headers: { authorization: "Bearer t" } });
  const refusals = (dir: string) => logLines().filter((line) => line.level === "error" && line.dir === dir && line.msg.startsWith("zone tunnel certificate not reloaded"));

  it("the central presents a renewed certificate (atomic Secret update) to new connections; the open tunnel stays up", async () => {
    const volume = join(pki.root, "central-volume");
    publishAsSecretVolume(volume, dirs.centralA!);
    const central = await startCentral(volume);
    await startZone(dirs.financeA!, central.port);
    const tunnel = await eventually("finance connected", () => central.tunnel.registry.get("finance"));
    assert.equal(await presentedBy(central.port, dirs.financeA!), fingerprintOf(dirs.centralA!));

    publishAsSecretVolume(volume, dirs.centralB!);
    await eventually("certificate B presented", async () => ((await presentedBy(central.port, dirs.financeA!)) === fingerprintOf(dirs.centralB!) ? true : undefined));
    assert.equal(central.routing.certificate().serialNumber, serialOf(dirs.centralB!));
    assert.equal(central.tunnel.registry.get("finance"), tunnel, "the established tunnel was not cut");
    assert.equal((await echo(central.url)).status, 200, "the tunnel still carries requests");
    // The renewed context keeps the listener's rules: TLS 1.3 only.
    await assert.rejects(presentedBy(central.port, dirs.financeA!, { maxVersion: "TLSv1.2" }));
    const reloaded = logLines().find((line) => line.msg === "zone tunnel certificate reloaded" && line.dir === volume);
    assert.ok(reloaded, "the reload is logged");
    assert.equal(reloaded.serialNumber, serialOf(dirs.centralB!));
    assert.equal(reloaded.previousSerialNumber, serialOf(dirs.centralA!));

    // A zone dialing after the renewal trusts the new certificate (same CA).
    tunnel.close();
    const redialed = await eventually("finance redialed", () => {
      const current = central.tunnel.registry.get("finance");
      return current && current !== tunnel ? current : undefined;
    });
    assert.ok(redialed.live);
    assert.equal((await echo(central.url)).status, 200);
  });

  it("refuses mismatched, unparsable or CA-less files written mid-way and keeps the certificate in use", async () => {
    const dir = join(pki.root, "central-plain");
    copyFiles(dirs.centralA!, dir);
    const central = await startCentral(dir);
    const inUse = fingerprintOf(dirs.centralA!);
    const broken: [string, () => void, RegExp][] = [
      ["new certificate, old key", () => copyFiles(dirs.centralB!, dir, ["tls.crt"]), /tls\.key does not belong to the certificate/],
      ["truncated certificate", () => writeFileSync(join(dir, "tls.crt"), readFileSync(join(dirs.centralB!, "tls.crt")).subarray(0, 200)), /tls\.crt holds no readable PEM certificate/],
      ["empty CA file", () => (copyFiles(dirs.centralA!, dir, ["tls.crt"]), writeFileSync(join(dir, "ca.crt"), "")), /ca\.crt holds no PEM certificate/],
      ["CA file missing", () => rmSync(join(dir, "ca.crt")), /cannot read ca\.crt/],
    ];
    for (const [label, write, reason] of broken) {
      const before = refusals(dir).length;
      write();
      const refusal = await eventually(`refusal of ${label}`, () => refusals(dir).slice(before).find((line) => reason.test(String(line.reason))));
      assert.equal(refusal.serialNumber, serialOf(dirs.centralA!), `${label}: the log names the certificate kept in use`);
      assert.equal(await presentedBy(central.port, dirs.financeA!), inUse, `${label}: the old certificate stays in use`);
      assert.equal(central.routing.certificate().fingerprint256, inUse);
    }
    // Refused once per bad version, not on every tick.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(refusals(dir).length, broken.length);

    copyFiles(dirs.centralB!, dir);
    await eventually("certificate B presented once complete", async () => ((await presentedBy(central.port, dirs.financeA!)) === fingerprintOf(dirs.centralB!) ? true : undefined));
    const key = readFileSync(join(dirs.centralB!, "tls.key"), "utf8").split("\n")[1]!;
    const text = logText.join("");
    assert.doesNotMatch(text, /BEGIN|PRIVATE/);
    assert.ok(!text.includes(key), "no key material in the log");
  });

  it("a zone dials with its renewed certificate from the next redial on; the open tunnel is not cut; another zone's certificate is refused", async () => {
    const central = await startCentral(dirs.centralA!);
    const volume = join(pki.root, "zone-volume");
    publishAsSecretVolume(volume, dirs.financeA!);
    const zone = await startZone(volume, central.port);
    const first = await eventually("finance connected", () => central.tunnel.registry.get("finance"));
    assert.equal(first.certificateSerialNumber, serialOf(dirs.financeA!));

    publishAsSecretVolume(volume, dirs.financeB!);
    await eventually("zone picked up B", () => (zone.certificate().serialNumber === serialOf(dirs.financeB!) ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(central.tunnel.registry.get("finance"), first, "renewal did not cut the open tunnel");
    assert.equal((await echo(central.url)).status, 200);

    first.close();
    const second = await eventually("finance redialed", () => {
      const current = central.tunnel.registry.get("finance");
      return current && current !== first ? current : undefined;
    });
    assert.equal(second.certificateSerialNumber, serialOf(dirs.financeB!), "the central sees the renewed client certificate");

    // A "renewal" for another zone name would make the central route legal's traffic here: refused.
    const before = refusals(volume).length;
    publishAsSecretVolume(volume, dirs.legal!);
    await eventually("refusal of the legal certificate", () => refusals(volume).slice(before).find((line) => /is for "legal"/.test(String(line.reason))));
    second.close();
    const third = await eventually("finance redialed again", () => {
      const current = central.tunnel.registry.get("finance");
      return current && current !== second ? current : undefined;
    });
    assert.equal(third.certificateSerialNumber, serialOf(dirs.financeB!));
    assert.equal(central.tunnel.registry.get("legal"), undefined);
  });

  it("warns once a day while the certificate in use expires within 14 days, and says when it has expired", async () => {
    let now = Date.now();
    const lines: string[] = [];
    const quiet = createRootLogger({ level: "debug", destination: capture(lines) });
    const open = (dir: string) => TlsMaterialReloader.open({ dir, role: "central listener", logger: quiet, reloadSeconds: 3_600, now: () => now });
    const warnings = () => logLines(lines).filter((line) => line.msg.includes("expires soon"));
    const expired = () => logLines(lines).filter((line) => line.msg.includes("has expired"));

    const short = await open(dirs.centralA!); // valid for 2 days
    cleanups.push(() => short.close());
    assert.equal(warnings().length, 1, "warned at start");
    assert.equal(warnings()[0]!.level, "warn");
    assert.equal(warnings()[0]!.daysLeft, 1);
    assert.equal(warnings()[0]!.notAfter, short.certificate.notAfter.toISOString());
    await short.poll();
    now += 23 * 3_600_000;
    await short.poll();
    assert.equal(warnings().length, 1, "not again the same day");
    now += 2 * 3_600_000;
    await short.poll();
    assert.equal(warnings().length, 2, "again the next day");
    now += 3 * 86_400_000;
    await short.poll();
    assert.equal(expired().length, 1);
    assert.equal(expired()[0]!.level, "error");

    now = Date.now();
    const long = await open(dirs.centralLong!); // valid for 30 days
    cleanups.push(() => long.close());
    const before = warnings().length;
    await long.poll();
    assert.equal(warnings().length, before, "no warning with 30 days left");
    now += 20 * 86_400_000;
    await long.poll();
    assert.equal(warnings().length, before + 1, "a warning once 14 days or fewer are left");
  });

  it("with GATEWAY_ZONE_TLS_RELOAD_SECONDS=0 the files are read once and never again", async () => {
    const volume = join(pki.root, "fixed-volume");
    publishAsSecretVolume(volume, dirs.centralA!);
    const fixed = await TlsMaterialReloader.open({ dir: volume, role: "central listener", logger, reloadSeconds: 0 });
    cleanups.push(() => fixed.close());
    publishAsSecretVolume(volume, dirs.centralB!);
    assert.equal(await fixed.reload(), false);
    await fixed.poll();
    assert.equal(fixed.certificate.serialNumber, serialOf(dirs.centralA!));
  });
});
