import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isYunxiError } from "@yunxi/platform";
import { canonicalJson, toCanonicalValue } from "./canonical-json.js";

describe("canonical JSON", () => {
  it("sorts keys at every depth, drops undefined members, writes no whitespace", () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [3, { z: null, y: true }], c: "x" }, u: undefined }), '{"a":{"c":"x","d":[3,{"y":true,"z":null}]},"b":1}');
  });

  it("orders keys by UTF-16 code units and escapes strings as JSON.stringify does", () => {
    assert.equal(canonicalJson({ é: 1, Z: 2, a: 3, "10": 4, "9": 5 }), '{"10":4,"9":5,"Z":2,"a":3,"é":1}');
    assert.equal(canonicalJson("印\n\"\u0001"), '"印\\n\\"\\u0001"');
    assert.equal(canonicalJson(-0), "0");
  });

  it("refuses floats, unsafe integers, NaN and non-plain objects, naming the path", () => {
    for (const bad of [{ a: [1.5] }, { n: 2 ** 53 }, { n: Number.NaN }, { d: new Date(0) }, { f: () => 1 }]) {
      assert.throws(() => canonicalJson(bad), (e: unknown) => isYunxiError(e, "InvalidArgument") && e.violations.length === 1 && e.violations[0]!.field.startsWith("$."));
    }
  });

  it("turns decoded event data into canonicalisable values", () => {
    const value = toCanonicalValue({ f: 1.25, big: 2n ** 70n, bytes: new Uint8Array([1, 2]), at: new Date(0), skip: undefined, list: [1, null] });
    assert.equal(canonicalJson(value), '{"at":"1970-01-01T00:00:00.000Z","big":"1180591620717411303424","bytes":"AQI=","f":"1.25","list":[1,null]}');
  });
});
