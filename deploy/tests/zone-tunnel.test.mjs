// The zone tunnel for real: two gateways (the built all-in-one) in two Linux network namespaces. The zone's
// namespace has nftables rules like the chart's zone NetworkPolicy (no inbound connections; outbound only
// to the central tunnel port), and no route anywhere else. A request to the central gateway reaches the
// zone down the tunnel and comes back; the central cannot connect into the zone; the zone cannot reach any
// other central port. Needs root, iproute2 and nftables (scripts/servers/servers.sh install provides nft);
// without them this test FAILS, it never skips. Run: node --test deploy/tests/zone-tunnel.test.mjs
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const MAIN = join(ROOT, "services/all-in-one/dist/main.js");
const PKI = join(ROOT, "gateway/dist/zone/test-pki.js");
const HTTP_PORT = 8080;
const TUNNEL_PORT = 7443;
const id = randomBytes(3).toString("hex");
const CENTRAL_NS = `yx-c-${id}`;
const ZONE_NS = `yx-z-${id}`;
const ZONE = `zone-${id}`;
// A random 10.x block keeps parallel runs apart; each run checks it is unused first.
const block = 100 + (randomBytes(1)[0] % 150);
const ADDR = { root: `10.${block}.1.1`, centralUser: `10.${block}.1.2`, centralTunnel: `10.${block}.2.1`, zone: `10.${block}.2.2` };
const LINKS = { rootSide: `yxr${id}`, centralUser: `yxcu${id}`, centralZone: `yxcz${id}`, zoneSide: `yxz${id}` };

const run = (command, args) => execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const inNs = (ns, command, args) => run("ip", ["netns", "exec", ns, command, ...args]);

function requireTools() {
  assert.equal(process.getuid?.(), 0, "this test needs root (network namespaces); run it as root — it is never skipped");
  for (const tool of ["ip", "nft", "openssl"]) {
    try {
      run("sh", ["-c", `command -v ${tool}`]);
    } catch {
      assert.fail(`${tool} is missing: run \`bash scripts/servers/servers.sh install\` (installs nftables) or apt-get install iproute2 nftables openssl`);
    }
  }
  assert.ok(existsSync(MAIN) && existsSync(PKI), "build first: npm run build (needs services/all-in-one/dist and gateway/dist)");
  assert.doesNotMatch(run("ip", ["-o", "addr"]), new RegExp(`inet 10\\.${block}\\.`), `10.${block}.0.0/16 is in use here; rerun`);
}

function createNetwork() {
  run("ip", ["netns", "add", CENTRAL_NS]);
  run("ip", ["netns", "add", ZONE_NS]);
  // root ⇄ central: how users (this test) reach the central gateway.
  run("ip", ["link", "add", LINKS.rootSide, "type", "veth", "peer", "name", LINKS.centralUser, "netns", CENTRAL_NS]);
  run("ip", ["addr", "add", `${ADDR.root}/30`, "dev", LINKS.rootSide]);
  run("ip", ["link", "set", LINKS.rootSide, "up"]);
  // central ⇄ zone: the department network's only path out.
  run("ip", ["link", "add", LINKS.zoneSide, "netns", ZONE_NS, "type", "veth", "peer", "name", LINKS.centralZone, "netns", CENTRAL_NS]);
  inNs(CENTRAL_NS, "ip", ["addr", "add", `${ADDR.centralUser}/30`, "dev", LINKS.centralUser]);
  inNs(CENTRAL_NS, "ip", ["addr", "add", `${ADDR.centralTunnel}/30`, "dev", LINKS.centralZone]);
  for (const link of ["lo", LINKS.centralUser, LINKS.centralZone]) inNs(CENTRAL_NS, "ip", ["link", "set", link, "up"]);
  inNs(ZONE_NS, "ip", ["addr", "add", `${ADDR.zone}/30`, "dev", LINKS.zoneSide]);
  for (const link of ["lo", LINKS.zoneSide]) inNs(ZONE_NS, "ip", ["link", "set", link, "up"]);
  // The zone's NetworkPolicy, as nftables: nothing comes in unless the zone started it; nothing goes out
  // except to the central tunnel port.
  inNs(ZONE_NS, "nft", ["add", "table", "inet", "zone"]);
  const rules = [
    "add chain inet zone input { type filter hook input priority 0 ; policy drop ; }",
    "add rule inet zone input iif lo accept",
    "add rule inet zone input ct state established,related accept",
    "add chain inet zone output { type filter hook output priority 0 ; policy drop ; }",
    "add rule inet zone output oif lo accept",
    "add rule inet zone output ct state established,related accept",
    `add rule inet zone output ip daddr ${ADDR.centralTunnel} tcp dport ${TUNNEL_PORT} accept`,
  ];
  for (const rule of rules) inNs(ZONE_NS, "nft", rule.split(" "));
}

function deleteNetwork() {
  for (const ns of [CENTRAL_NS, ZONE_NS]) {
    try {
      run("ip", ["netns", "del", ns]);
    } catch {
      // not created
    }
  }
  try {
    run("ip", ["link", "del", LINKS.rootSide]);
  } catch {
    // went with the namespace
  }
}

/** Tries a TCP connection from inside `ns`; "connected", or the error code (bounded by `ms`: "TIMEOUT" when dropped). */
function probe(ns, host, port, ms = 1500) {
  const script = `const s=require("net").connect(${port},"${host}");const t=setTimeout(()=>{console.log("TIMEOUT");s.destroy()},${ms});s.on("connect",()=>{console.log("connected");clearTimeout(t);s.destroy()});s.on("error",e=>{console.log(e.code);clearTimeout(t)})`;
  return inNs(ns, process.execPath, ["-e", script]).trim();
}

/** A refused or dropped connection, named as such: a probe that failed to run at all proves nothing. */
function assertBlocked(result, what) {
  assert.match(result, /^(TIMEOUT|ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|EACCES|EPERM)$/, `${what}: ${result || "(no output)"}`);
}

function startGateway(ns, env) {
  const child = spawn("ip", ["netns", "exec", ns, process.execPath, MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, OTEL_SDK_DISABLED: "true", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { text: "" };
  child.stdout.on("data", (chunk) => (output.text += chunk));
  child.stderr.on("data", (chunk) => (output.text += chunk));
  const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output, exited };
}

async function eventually(what, probeFn, ms = 90_000, everyMs = 250) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      const value = await probeFn();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? `: ${last.message}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

describe("zone tunnel across network namespaces (built all-in-one, nftables isolation)", { timeout: 240_000 }, () => {
  const processes = [];
  let pki;
  let dataDir;
  const central = `http://${ADDR.centralUser}:${HTTP_PORT}`;

  before(async () => {
    requireTools();
    dataDir = mkdtempSync(join(tmpdir(), "yunxi-zone-netns-"));
    const { createTestPki } = await import(PKI);
    pki = createTestPki();
    pki.ca("zone-ca");
    const serverDir = pki.server("central", "zone-ca", `IP:${ADDR.centralTunnel}`);
    const zoneDir = pki.client("zone", "zone-ca", ZONE);
    createNetwork();
    const common = { YUNXI_BIND_HOST: "0.0.0.0", YUNXI_HTTP_PORT: String(HTTP_PORT), YUNXI_PUBLIC_URL: central, YUNXI_CONNECT_TIMEOUT_MS: "3000" };
    processes.push(
      startGateway(CENTRAL_NS, {
        ...common,
        TARGETS: "gateway,identity,organisation",
        YUNXI_DATA_DIR: join(dataDir, "central"),
        IDENTITY_SMS_PROVIDER: "development",
        GATEWAY_ZONE_TUNNEL_PORT: String(TUNNEL_PORT),
        GATEWAY_ZONE_TUNNEL_TLS_DIR: serverDir,
      }),
      startGateway(ZONE_NS, {
        ...common,
        TARGETS: "gateway,approval",
        YUNXI_DATA_DIR: join(dataDir, "zone"),
        GATEWAY_ZONE_NAME: ZONE,
        GATEWAY_ZONE_CENTRAL_ADDRESS: `${ADDR.centralTunnel}:${TUNNEL_PORT}`,
        GATEWAY_ZONE_TLS_DIR: zoneDir,
        GATEWAY_ZONE_RECONNECT_MAX_MS: "2000",
      }),
    );
  });

  after(async () => {
    for (const p of processes) p.child.kill("SIGTERM");
    await Promise.race([Promise.all(processes.map((p) => p.exited)), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    for (const p of processes) p.child.kill("SIGKILL");
    deleteNetwork();
    pki?.dispose();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const [centralProcess, zoneProcess] = [() => processes[0], () => processes[1]];
  const logs = () => processes.map((p) => p.output.text).join("\n");

  it("a request through the central gateway reaches the zone and comes back", async () => {
    const health = await eventually("the zone's /healthz through the tunnel", async () => {
      const response = await fetch(`${central}/zones/${ZONE}/healthz`, { signal: AbortSignal.timeout(3000) });
      return response.status === 200 ? response : undefined;
    });
    assert.equal(health.headers.get("x-yunxi-zone"), ZONE);
    assert.deepEqual(await health.json(), { status: "ok" });
    const readiness = await (await fetch(`${central}/zones/${ZONE}/readyz`)).json();
    assert.deepEqual(Object.keys(readiness.targets).sort(), ["approval", "gateway"], "the zone's own modules answered, not the central's");
    // Each side reports the tunnel certificate it uses, so an operator can see a renewal take effect.
    assert.equal(readiness.zoneTunnel?.role, "zone");
    const centralReadiness = await (await fetch(`${central}/readyz`)).json();
    assert.equal(centralReadiness.zoneTunnel?.role, "central");
    for (const side of [readiness.zoneTunnel, centralReadiness.zoneTunnel]) {
      assert.match(side.certificateSerial, /^[0-9A-F]+$/i);
      assert.ok(Date.parse(side.certificateNotAfter) > Date.now(), `not after ${side.certificateNotAfter}`);
    }
    assert.notEqual(readiness.zoneTunnel.certificateSerial, centralReadiness.zoneTunnel.certificateSerial, "each side has its own certificate");
  });

  it("a user signed in centrally is served by the zone's own module, which verified the token via the relayed JWKS", async () => {
    const mobile = `139${String(Date.now()).slice(-8)}`;
    const post = (path, body) => fetch(`${central}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    assert.equal((await post("/api/v1/auth/sms-codes", { mobile })).status, 202);
    const smsCode = await eventually("the development SMS code", () => {
      for (const line of centralProcess().output.text.split("\n")) {
        if (!line.includes("developmentCode")) continue;
        const entry = JSON.parse(line);
        if (entry.mobile === mobile) return entry.developmentCode;
      }
      return undefined;
    }, 10_000);
    const code = `Z${id.toUpperCase()}`;
    const registered = await post("/api/v1/auth/register", { mobile, smsCode, password: "Zone-tunnel-9", displayName: "Zone Admin", newOrganisationName: "Zone Test", newOrganisationCode: code });
    assert.equal(registered.status, 201, await registered.clone().text());
    const { accessToken } = await registered.json();

    const seals = await fetch(`${central}/zones/${ZONE}/api/v1/seals`, { headers: { authorization: `Bearer ${accessToken}` } });
    assert.equal(seals.status, 200, await seals.clone().text());
    assert.equal(seals.headers.get("x-yunxi-zone"), ZONE);
    assert.ok(Array.isArray((await seals.json()).seals), "approval in the zone listed the organisation's (zone-local) seals");
    const byHeader = await fetch(`${central}/api/v1/seals`, { headers: { authorization: `Bearer ${accessToken}`, "x-yunxi-zone": ZONE } });
    assert.equal(byHeader.status, 200);
    assert.equal(byHeader.headers.get("x-yunxi-zone"), ZONE);

    const anonymous = await fetch(`${central}/zones/${ZONE}/api/v1/seals`);
    assert.equal(anonymous.status, 401);
    const unknown = await fetch(`${central}/zones/no-such-zone/api/v1/seals`, { headers: { authorization: `Bearer ${accessToken}` } });
    assert.equal(unknown.status, 503);
    assert.deepEqual(await unknown.json(), { error: { kind: "Unavailable", message: 'zone "no-such-zone" is not connected' } });
    assert.doesNotMatch(logs(), new RegExp(accessToken.slice(-20).replace(/[-_]/g, ".")), "no token in any log");
    assert.doesNotMatch(logs(), /PRIVATE KEY/);
  });

  it("the central cannot open a connection into the zone; the zone can reach nothing but the tunnel port", () => {
    assert.equal(probe(ZONE_NS, ADDR.zone, HTTP_PORT), "connected", "the zone gateway listens on its network address (so the firewall is what blocks)");
    assertBlocked(probe(CENTRAL_NS, ADDR.zone, HTTP_PORT), "central → zone gateway HTTP");
    assertBlocked(probe(CENTRAL_NS, ADDR.zone, 50051), "central → zone gRPC");
    assert.equal(probe(CENTRAL_NS, ADDR.centralTunnel, HTTP_PORT), "connected", "the central's HTTP port is open on the zone-facing address");
    assertBlocked(probe(ZONE_NS, ADDR.centralTunnel, HTTP_PORT), "zone → central HTTP");
    assertBlocked(probe(ZONE_NS, ADDR.centralTunnel, 50051), "zone → central gRPC");
    assertBlocked(probe(ZONE_NS, ADDR.root, 22), "zone → anywhere else");
    assert.equal(probe(ZONE_NS, ADDR.centralTunnel, TUNNEL_PORT), "connected", "zone → central tunnel port is the one way out");
  });

  it("the zone redials after its tunnel is cut, and requests flow again", async () => {
    // Kill the established tunnel socket in the zone (as a network blip or NAT timeout would).
    inNs(ZONE_NS, "ss", ["-K", "dst", ADDR.centralTunnel, "dport", "=", String(TUNNEL_PORT)]);
    await eventually("the zone noticed", () => (/connection to the central gateway lost/.test(zoneProcess().output.text) ? true : undefined), 15_000);
    const health = await eventually("the zone through the redialed tunnel", async () => {
      const response = await fetch(`${central}/zones/${ZONE}/healthz`, { signal: AbortSignal.timeout(3000) });
      return response.status === 200 ? response : undefined;
    }, 30_000);
    assert.equal(health.headers.get("x-yunxi-zone"), ZONE);
  });
});
