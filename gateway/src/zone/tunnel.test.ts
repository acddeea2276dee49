import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { createRootLogger, httpStatusOf, kindOf, publicMessage, unauthenticated, type Principal, type PlatformConfig, type TokenVerifier } from "@yunxi/platform";
import { eventually } from "@yunxi/platform/testing";
import Fastify from "fastify";
import { exponentialBackoff } from "./backoff.js";
import type { CentralTunnel } from "./central-tunnel.js";
import { createTestPki, type TestPki } from "./test-pki.js";
import { installCentralZoneRouting, type ZoneSettings } from "./zone-gateway.js";
import { fetchCentralJwks, ZoneDialer, type TunnelState } from "./zone-dialer.js";

const logLines: string[] = [];
const logger = createRootLogger({ level: "debug", destination: new Writable({ write: (chunk, _encoding, done) => (logLines.push(String(chunk)), done()) }) });
type ErrorBody = { error: { kind: string; message: string } };
const JWKS = JSON.stringify({ keys: [{ kty: "EC", crv: "P-256", x: "x", y: "y", kid: "k1" }] });

const verifier: TokenVerifier = {
  async verify(token) {
    if (token !== "good-token") throw unauthenticated("bad token");
    return { subject: "u1", roles: [], expiresAt: new Date(Date.now() + 60_000), claims: {} } satisfies Principal;
  },
};


/** A zone's local gateway stand-in: records what reached it. */
async function zoneApp(label: string) {
  const seen: { method: string; url: string; headers: Record<string, unknown> }[] = [];
  const app = Fastify();
  app.addContentTypeParser("application/octet-stream", (_request, payload, done) => done(null, payload));
  app.addHook("onRequest", async (request) => void seen.push({ method: request.method, url: request.url, headers: request.headers }));
  app.get("/api/v1/echo", async (request, reply) => reply.header("set-cookie", ["a=1", "b=2"]).send({ zone: label, url: request.url }));
  app.post("/api/v1/upload", async (request) => {
    const hash = createHash("sha256");
    let size = 0;
    for await (const chunk of request.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      hash.update(chunk);
    }
    return { size, sha256: hash.digest("hex") };
  });
  app.get("/api/v1/hang", async () => new Promise(() => undefined));
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { app, seen, port };
}

const settings = (port: number, tlsDir: string): ZoneSettings => ({
  ZONE_TUNNEL_PORT: port,
  ZONE_TUNNEL_TLS_DIR: tlsDir,
  ZONE_RECONNECT_MAX_MS: 200,
  ZONE_REQUEST_IDLE_TIMEOUT_MS: 5_000,
  ZONE_TLS_RELOAD_SECONDS: 0,
});
/** The files of `dir` as the dialer uses them, fixed (renewal is tls-reload.test.ts's subject). */
const fixedTls = (dir: string) => ({
  material: { cert: readFileSync(join(dir, "tls.crt")), key: readFileSync(join(dir, "tls.key")), ca: readFileSync(join(dir, "ca.crt")) },
  reload: async () => false,
});
const platform = { BIND_HOST: "127.0.0.1", HTTP_PORT: 0, CONNECT_TIMEOUT_MS: 2_000 } as PlatformConfig;

/** The central gateway stand-in: Fastify with the gateway's error shape, zone routing and a tunnel port. */
async function centralApp(serverDir: string, tunnelPort = 0) {
  const app = Fastify();
  app.setErrorHandler((error, _request, reply) => void reply.status(httpStatusOf(error)).send({ error: { kind: kindOf(error), message: publicMessage(error) } }));
  const routing = await installCentralZoneRouting(app, {
    settings: settings(tunnelPort, serverDir),
    platform,
    logger,
    verifier,
    localOrigin: () => "http://127.0.0.1:1",
    jwks: async () => JWKS,
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const port = await routing.listen();
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return { app, routing, tunnel: routing.tunnel as CentralTunnel, port, url };
}

function dialer(zone: string, tlsDir: string, centralPort: number, localPort: number, states: TunnelState[] = [], serverName?: string) {
  const d = new ZoneDialer({
    zone,
    central: { host: "127.0.0.1", port: centralPort },
    ...(serverName ? { centralServerName: serverName } : {}),
    tls: fixedTls(tlsDir),
    local: () => ({ host: "127.0.0.1", port: localPort }),
    backoff: exponentialBackoff({ initialMs: 20, maxMs: 200 }),
    logger,
    connectTimeoutMs: 2_000,
    onState: (state) => states.push(state),
  });
  d.start();
  return d;
}

describe("zone tunnel (in-process, real TLS)", () => {
  let pki: TestPki;
  const dirs: Record<string, string> = {};
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  before(() => {
    pki = createTestPki();
    pki.ca("zone-ca");
    pki.ca("other-ca");
    dirs.server = pki.server("central", "zone-ca", "IP:127.0.0.1");
    dirs.wrongName = pki.server("central-wrong-name", "zone-ca", "DNS:elsewhere.example");
    dirs.finance = pki.client("finance", "zone-ca", "finance");
    dirs.legal = pki.client("legal", "zone-ca", "legal");
    dirs.foreign = pki.client("foreign", "other-ca", "finance");
    dirs.serverOnly = pki.client("server-only", "zone-ca", "finance", "serverAuth");
    dirs.badName = pki.client("bad-name", "zone-ca", "Finance_Dept");
  });
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    pki.dispose();
  });
  const track = <T extends { close(): unknown }>(thing: T) => (cleanups.push(() => thing.close()), thing);
  /** A central gateway on `serverDir`'s certificate, closed after the suite. */
  const startCentral = async (serverDir: string) => {
    const central = await centralApp(serverDir);
    track(central.app);
    track(central.routing);
    return central;
  };
  /** A zone app plus its dialer into `central`, waited for until the central holds its tunnel. */
  const connectZone = async (central: Awaited<ReturnType<typeof centralApp>>) => {
    const zone = await zoneApp("finance");
    track(zone.app);
    track(dialer("finance", dirs.finance!, central.port, zone.port));
    const tunnel = await eventually("finance connected", () => central.tunnel.registry.get("finance"));
    return { zone, tunnel };
  };

  it("forwards method, path, query, Authorization and body to the zone and streams the answer back", async () => {
    const central = await startCentral(dirs.server!);
    const { zone } = await connectZone(central);

    const echo = await fetch(`${central.url}/zones/finance/api/v1/echo?x=1`, { headers: { authorization: "Bearer good-token" } });
    assert.equal(echo.status, 200);
    assert.equal(echo.headers.get("x-yunxi-zone"), "finance");
    assert.deepEqual(echo.headers.getSetCookie(), ["a=1", "b=2"]);
    assert.deepEqual(await echo.json(), { zone: "finance", url: "/api/v1/echo?x=1" });
    const seen = zone.seen.at(-1)!;
    assert.equal(seen.headers.authorization, "Bearer good-token", "the zone verifies the token itself, so it gets it");
    assert.equal(seen.headers["x-forwarded-prefix"], "/zones/finance");

    const byHeader = await fetch(`${central.url}/api/v1/echo`, { headers: { authorization: "Bearer good-token", "x-yunxi-zone": "finance" } });
    assert.equal(byHeader.status, 200);
    assert.deepEqual(await byHeader.json(), { zone: "finance", url: "/api/v1/echo" });

    const body = randomBytes(3 * 1024 * 1024 + 17);
    const upload = await fetch(`${central.url}/zones/finance/api/v1/upload`, {
      method: "POST",
      headers: { authorization: "Bearer good-token", "content-type": "application/octet-stream" },
      body,
    });
    assert.equal(upload.status, 200);
    assert.deepEqual(await upload.json(), { size: body.length, sha256: createHash("sha256").update(body).digest("hex") });
  });

  it("checks the token at the central first; unknown zones and bad names get the gateway's error shape", async () => {
    const central = await startCentral(dirs.server!);
    const { zone } = await connectZone(central);

    const anonymous = await fetch(`${central.url}/zones/finance/api/v1/echo`);
    assert.equal(anonymous.status, 401);
    assert.equal(((await anonymous.json()) as ErrorBody).error.kind, "Unauthenticated");
    const forged = await fetch(`${central.url}/zones/finance/api/v1/echo`, { headers: { authorization: "Bearer forged" } });
    assert.equal(forged.status, 401);
    assert.equal(zone.seen.length, 0, "nothing unauthenticated reached the zone");

    const unknown = await fetch(`${central.url}/zones/nowhere/api/v1/echo`, { headers: { authorization: "Bearer good-token" } });
    assert.equal(unknown.status, 503);
    assert.deepEqual(await unknown.json(), { error: { kind: "Unavailable", message: 'zone "nowhere" is not connected' } });
    const malformed = await fetch(`${central.url}/zones/No_Such/api/v1/echo`, { headers: { authorization: "Bearer good-token" } });
    assert.equal(malformed.status, 400);
    assert.equal(((await malformed.json()) as ErrorBody).error.kind, "InvalidArgument");
  });

  it("names the zone after the certificate only; refuses foreign CAs, server-only and badly named certificates", async () => {
    const central = await startCentral(dirs.server!);
    const zone = await zoneApp("any");
    track(zone.app);
    // The dialer's own notion of its name is irrelevant: the central reads the CN ("legal").
    track(dialer("finance", dirs.legal!, central.port, zone.port));
    await eventually("legal connected", () => central.tunnel.registry.get("legal"));
    const refused = [dirs.foreign!, dirs.serverOnly!, dirs.badName!].map((dir) => track(dialer("finance", dir, central.port, zone.port)));
    // A good dialer started after the bad ones connects; by then each bad one has been refused repeatedly.
    const goodStates: TunnelState[] = [];
    track(dialer("finance", dirs.finance!, central.port, zone.port, goodStates));
    await eventually("finance connected", () => central.tunnel.registry.get("finance"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(central.tunnel.registry.zones(), ["finance", "legal"]);
    const legal = await fetch(`${central.url}/zones/legal/api/v1/echo`, { headers: { authorization: "Bearer good-token" } });
    assert.equal(legal.status, 200);
    assert.equal(refused.length, 3);
  });

  it("the zone refuses a central whose certificate does not name the address it dialed", async () => {
    const central = await startCentral(dirs.wrongName!);
    const zone = await zoneApp("finance");
    track(zone.app);
    const states: TunnelState[] = [];
    track(dialer("finance", dirs.finance!, central.port, zone.port, states));
    await eventually("two failed attempts", () => (states.filter((s) => s === "waiting").length >= 2 ? true : undefined));
    assert.equal(central.tunnel.registry.get("finance"), undefined);
    assert.ok(!states.includes("connected"));
    // …and accepts it when told which name the certificate carries.
    const named = track(dialer("finance", dirs.finance!, central.port, zone.port, [], "elsewhere.example"));
    await eventually("finance connected by server name", () => central.tunnel.registry.get("finance"));
    void named;
  });

  it("redials after the tunnel drops and after the central restarts; replicas of a zone share it without flapping", async () => {
    const first = await centralApp(dirs.server!);
    track(first.app);
    const zone = await zoneApp("finance");
    track(zone.app);
    const states: TunnelState[] = [];
    track(dialer("finance", dirs.finance!, first.port, zone.port, states));
    const original = await eventually("finance connected", () => first.tunnel.registry.get("finance"));
    original.close();
    const redialed = await eventually("finance reconnected", () => {
      const current = first.tunnel.registry.get("finance");
      return current && current !== original ? current : undefined;
    });
    assert.notEqual(redialed, original);
    const ok = await fetch(`${first.url}/zones/finance/api/v1/echo`, { headers: { authorization: "Bearer good-token" } });
    assert.equal(ok.status, 200);

    // Central goes away entirely, then comes back on the same port.
    await first.routing.close();
    await eventually("dialer waiting", () => (states.at(-1) === "waiting" ? true : undefined));
    const second = await centralApp(dirs.server!, first.port);
    track(second.app);
    track(second.routing);
    await eventually("finance reconnected to the restarted central", () => second.tunnel.registry.get("finance"));

    // A second zone gateway replica with the same certificate: newest takes the traffic, the first stays
    // as a standby (no flapping), and takes over at once when the newest drops.
    const replica = await zoneApp("finance-replica");
    track(replica.app);
    const before = second.tunnel.registry.get("finance");
    const replicaDialer = track(dialer("finance", dirs.finance!, second.port, replica.port));
    const newest = await eventually("replica registered", () => {
      const current = second.tunnel.registry.get("finance");
      return current && current !== before ? current : undefined;
    });
    const echo = async () => (await (await fetch(`${second.url}/zones/finance/api/v1/echo`, { headers: { authorization: "Bearer good-token" } })).json() as { zone: string }).zone;
    assert.equal(await echo(), "finance-replica");
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(second.tunnel.registry.count("finance"), 2, "both replicas stay connected");
    assert.equal(second.tunnel.registry.get("finance"), newest, "no flapping between replicas");
    // The replica goes away (pod deleted): its socket closes and the standby takes over without a redial.
    await replicaDialer.close();
    await eventually("the central noticed the replica left", () => (second.tunnel.registry.count("finance") === 1 ? true : undefined));
    assert.equal(await echo(), "finance", "the standby answers once the newest dropped");
  });

  it("a tunnel that drops mid-request answers 503 with the error shape", async () => {
    const central = await startCentral(dirs.server!);
    const { zone, tunnel } = await connectZone(central);
    const pending = fetch(`${central.url}/zones/finance/api/v1/hang`, { headers: { authorization: "Bearer good-token" } });
    await eventually("the request reached the zone", () => (zone.seen.some((s) => s.url === "/api/v1/hang") ? true : undefined));
    tunnel.close();
    const response = await pending;
    assert.equal(response.status, 503);
    assert.equal(((await response.json()) as ErrorBody).error.kind, "Unavailable");
  });

  it("relays the issuer's JWKS to a zone over mTLS, and to nobody else", async () => {
    const central = await startCentral(dirs.server!);
    const jwks = await fetchCentralJwks({ central: { host: "127.0.0.1", port: central.port }, tls: fixedTls(dirs.finance!), connectTimeoutMs: 2_000 });
    assert.deepEqual(JSON.parse(jwks), JSON.parse(JWKS));
    await assert.rejects(
      fetchCentralJwks({ central: { host: "127.0.0.1", port: central.port }, tls: fixedTls(dirs.foreign!), connectTimeoutMs: 2_000 }),
      (error: unknown) => kindOf(error) === "Unavailable",
    );
  });

  it("logged connections and refusals, and never a token or key material", () => {
    const text = logLines.join("");
    assert.match(text, /zone connected/);
    assert.match(text, /zone tunnel handshake refused|zone tunnel refused/);
    assert.doesNotMatch(text, /good-token|forged|BEGIN|PRIVATE/);
  });
});
