import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseConfig } from "../config/config.js";
import { peerAddressOf } from "./peer-addresses.js";
import { platformConfigSpec } from "./platform-config.js";

describe("YUNXI_PEER_ADDRESSES", () => {
  it("overrides the template for the peers it names; the others still follow the template", () => {
    const parsed = parseConfig(platformConfigSpec, {
      YUNXI_PEER_ADDRESS_TEMPLATE: "{name}.yunxi.svc:50051",
      YUNXI_PEER_ADDRESSES: " identity=127.0.0.1:50061, key-management=localhost:50062,media=[::1]:50063 ",
    });
    assert.ok(parsed.ok, JSON.stringify(parsed));
    assert.deepEqual(parsed.value.PEER_ADDRESSES, { identity: "127.0.0.1:50061", "key-management": "localhost:50062", media: "[::1]:50063" });
    assert.equal(peerAddressOf(parsed.value, "identity"), "127.0.0.1:50061");
    assert.equal(peerAddressOf(parsed.value, "media"), "[::1]:50063");
    assert.equal(peerAddressOf(parsed.value, "audit"), "audit.yunxi.svc:50051");
  });

  it("is optional: without it every peer follows the template", () => {
    const parsed = parseConfig(platformConfigSpec, {});
    assert.ok(parsed.ok);
    assert.equal(parsed.value.PEER_ADDRESSES, undefined);
    assert.equal(peerAddressOf(parsed.value, "organisation"), "organisation:50051");
  });

  it("reports every bad entry at once, naming the variable", () => {
    const parsed = parseConfig(platformConfigSpec, {
      YUNXI_PEER_ADDRESSES: "identity=127.0.0.1:50061,identity=127.0.0.1:50062,Media=h:1,audit,approval=host,organisation=h:0,gateway=h:70000,x=h:1",
    });
    assert.equal(parsed.ok, false);
    const problems = parsed.ok ? [] : parsed.problems;
    assert.ok(problems.every((p) => p.variable === "YUNXI_PEER_ADDRESSES"), JSON.stringify(problems));
    const messages = problems.map((p) => p.message);
    assert.equal(messages.length, 7, messages.join("\n"));
    assert.match(messages[0] ?? "", /"identity" is given twice/);
    assert.match(messages[1] ?? "", /"Media=h:1".*module name/);
    assert.match(messages[2] ?? "", /"audit".*name=host:port/);
    assert.match(messages[3] ?? "", /"approval=host".*port/);
    assert.match(messages[4] ?? "", /"organisation=h:0".*1 to 65535/);
    assert.match(messages[5] ?? "", /"gateway=h:70000".*1 to 65535/);
    assert.match(messages[6] ?? "", /"x=h:1".*module name/);
  });
});
