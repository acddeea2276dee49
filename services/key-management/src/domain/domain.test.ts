import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isYunxiError } from "@yunxi/platform";
import { formatCiphertext, parseCiphertext } from "./ciphertext.js";
import { findRelayPath } from "./relay-path.js";

describe("ciphertext format", () => {
  it("round-trips every field", () => {
    const envelope = { suite: "sm4-ctr-hmac-sm3", keyName: "media.photos", keyVersion: 12, securityLevel: "qkd+pqc", body: Buffer.from([1, 2, 250]) } as const;
    const text = formatCiphertext(envelope);
    assert.equal(text, "yunxi:v1:sm4-ctr-hmac-sm3:media.photos:12:qkd+pqc:AQL6");
    assert.deepEqual(parseCiphertext(text), { ...envelope, body: Buffer.from([1, 2, 250]) });
  });

  for (const bad of ["", "vault:v1:abc", "yunxi:v2:aes-256-gcm:k:1:qkd:AA", "yunxi:v1:des:k:1:qkd:AA", "yunxi:v1:aes-256-gcm:k:0:qkd:AA", "yunxi:v1:aes-256-gcm:k:1:none:AA", "yunxi:v1:aes-256-gcm:k:1:qkd:A=A"]) {
    it(`rejects ${JSON.stringify(bad)}`, () => {
      assert.throws(() => parseCiphertext(bad), (e) => isYunxiError(e, "InvalidArgument"));
    });
  }
});

describe("relay path finding", () => {
  const link = (a: string, b: string, availableBits = 10_000, up = true) => ({ a, b, availableBits, up });

  it("finds the fewest hops when pools are equal", () => {
    const links = [link("a", "b"), link("b", "c"), link("c", "d"), link("a", "d")];
    assert.deepEqual(findRelayPath(links, "a", "d", 256), ["a", "d"]);
  });

  it("skips links that are down or hold too little key", () => {
    const links = [link("a", "b"), link("b", "d"), link("a", "d", 100), link("a", "c", 10_000, false), link("c", "d")];
    assert.deepEqual(findRelayPath(links, "a", "d", 256), ["a", "b", "d"]);
    assert.equal(findRelayPath(links, "a", "d", 20_000), undefined);
  });

  it("trades a hop for a much fuller pool", () => {
    const links = [link("a", "d", 300), link("a", "b", 1_000_000), link("b", "d", 1_000_000)];
    assert.deepEqual(findRelayPath(links, "a", "d", 256), ["a", "b", "d"]);
  });
});
