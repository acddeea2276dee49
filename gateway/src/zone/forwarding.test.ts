import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isYunxiError } from "@yunxi/platform";
import { endToEndHeaders, needsToken, zoneTargetOf } from "./forwarding.js";

describe("zoneTargetOf", () => {
  it("takes the zone from the /zones/{zone} prefix and keeps the rest of the path and the query", () => {
    assert.deepEqual(zoneTargetOf("/zones/finance-dept/api/v1/seals?state=x", undefined), { zone: "finance-dept", path: "/api/v1/seals?state=x", prefix: "/zones/finance-dept" });
    assert.deepEqual(zoneTargetOf("/zones/finance-dept", undefined), { zone: "finance-dept", path: "/", prefix: "/zones/finance-dept" });
    assert.deepEqual(zoneTargetOf("/zones/f1?x=1", undefined), { zone: "f1", path: "/?x=1", prefix: "/zones/f1" });
  });

  it("takes the zone from X-Yunxi-Zone for /api/v1 paths only", () => {
    assert.deepEqual(zoneTargetOf("/api/v1/seals", "legal"), { zone: "legal", path: "/api/v1/seals", prefix: "" });
    assert.equal(zoneTargetOf("/oidc/jwks", "legal"), undefined);
    assert.equal(zoneTargetOf("/", "legal"), undefined);
    assert.equal(zoneTargetOf("/api/v1/seals", undefined), undefined);
  });

  it("refuses malformed zone names as InvalidArgument", () => {
    for (const [url, header] of [["/zones/Finance/api/v1/x", undefined], ["/zones/../api", undefined], ["/zones//api", undefined], ["/api/v1/x", "a_b"], ["/api/v1/x", ""]] as const) {
      assert.throws(() => zoneTargetOf(url, header), (error) => isYunxiError(error, "InvalidArgument"), `${url} ${header}`);
    }
  });
});

describe("needsToken", () => {
  it("is the central's own rule: /api/v1 except sign-up and sign-in", () => {
    assert.equal(needsToken("/api/v1/seals"), true);
    assert.equal(needsToken("/api/v1/auth/login"), false);
    assert.equal(needsToken("/healthz"), false);
  });
});

describe("endToEndHeaders", () => {
  it("drops pseudo, hop-by-hop and connection-named headers, keeps the rest (incl. Authorization)", () => {
    const out = endToEndHeaders({
      ":path": "/x", host: "a", connection: "keep-alive, x-private", "keep-alive": "5", "x-private": "1",
      "transfer-encoding": "chunked", authorization: "Bearer t", "content-type": "application/json", "set-cookie": ["a=1", "b=2"],
    });
    assert.deepEqual(out, { authorization: "Bearer t", "content-type": "application/json", "set-cookie": ["a=1", "b=2"] });
  });
});
