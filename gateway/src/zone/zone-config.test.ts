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

  it("parses host:port including bracketed IPv6", () => {
    assert.deepEqual(parseHostPort("10.0.0.1:7443"), { host: "10.0.0.1", port: 7443 });
    assert.deepEqual(parseHostPort("[fd00::1]:7443"), { host: "fd00::1", port: 7443 });
    for (const bad of ["host", "host:0", "host:70000", ":7443", "a b:1", "fd00::1:7443"]) assert.equal(parseHostPort(bad), undefined, bad);
  });
});
