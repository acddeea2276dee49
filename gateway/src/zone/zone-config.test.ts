import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defineConfig, parseConfig } from "@yunxi/platform";
import { z } from "zod";
import { checkZoneSettings, parseHostPort, zoneConfigShape } from "./zone-config.js";

const spec = defineConfig({ prefix: "GATEWAY_", schema: z.object(zoneConfigShape).superRefine(checkZoneSettings) });
const problems = (env: Record<string, string>) => {
  const parsed = parseConfig(spec, env);
  return parsed.ok ? [] : parsed.problems.map((p) => p.variable).sort();
};

describe("gateway zone settings", () => {
  it("accepts a plain gateway, a central and a zone", () => {
    assert.deepEqual(problems({}), []);
    assert.deepEqual(problems({ GATEWAY_ZONE_TUNNEL_PORT: "7443", GATEWAY_ZONE_TUNNEL_TLS_DIR: "/tls" }), []);
    assert.deepEqual(problems({ GATEWAY_ZONE_NAME: "finance-dept", GATEWAY_ZONE_CENTRAL_ADDRESS: "yunxi-tunnel.corp:7443", GATEWAY_ZONE_TLS_DIR: "/tls" }), []);
  });

  it("reports every missing or contradictory setting at once, by variable", () => {
    assert.deepEqual(problems({ GATEWAY_ZONE_CENTRAL_ADDRESS: "c:7443", GATEWAY_ZONE_TUNNEL_PORT: "7443" }), [
      "GATEWAY_ZONE_NAME", "GATEWAY_ZONE_TLS_DIR", "GATEWAY_ZONE_TUNNEL_PORT", "GATEWAY_ZONE_TUNNEL_TLS_DIR",
    ]);
    assert.deepEqual(problems({ GATEWAY_ZONE_NAME: "finance" }), ["GATEWAY_ZONE_CENTRAL_ADDRESS"]);
    assert.deepEqual(problems({ GATEWAY_ZONE_NAME: "Finance_Dept", GATEWAY_ZONE_CENTRAL_ADDRESS: "no-port", GATEWAY_ZONE_TLS_DIR: "/t" }).sort(), [
      "GATEWAY_ZONE_CENTRAL_ADDRESS", "GATEWAY_ZONE_NAME",
    ]);
  });

  it("reloads the tunnel certificate every 60 s by default; 0 switches reloading off; nonsense is reported", () => {
    const parsed = parseConfig(spec, {});
    assert.ok(parsed.ok);
    assert.equal(parsed.value.ZONE_TLS_RELOAD_SECONDS, 60);
    const off = parseConfig(spec, { GATEWAY_ZONE_TLS_RELOAD_SECONDS: "0" });
    assert.ok(off.ok);
    assert.equal(off.value.ZONE_TLS_RELOAD_SECONDS, 0);
    for (const bad of ["-1", "1.5", "soon", "86401"]) assert.deepEqual(problems({ GATEWAY_ZONE_TLS_RELOAD_SECONDS: bad }), ["GATEWAY_ZONE_TLS_RELOAD_SECONDS"], bad);
  });

  it("parses host:port including bracketed IPv6", () => {
    assert.deepEqual(parseHostPort("10.0.0.1:7443"), { host: "10.0.0.1", port: 7443 });
    assert.deepEqual(parseHostPort("[fd00::1]:7443"), { host: "fd00::1", port: 7443 });
    for (const bad of ["host", "host:0", "host:70000", ":7443", "a b:1", "fd00::1:7443"]) assert.equal(parseHostPort(bad), undefined, bad);
  });
});
