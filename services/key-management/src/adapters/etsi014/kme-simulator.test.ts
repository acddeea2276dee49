import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { generateSimulatorPki } from "./pki.js";
import { rawCall, startTestKme, type RunningKme } from "./test-kme.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("KME simulator over HTTPS with mTLS (ETSI GS QKD 014)", { timeout: 60_000 }, () => {
  let kme: RunningKme;
  const as = (sae: string) => {
    const identity = kme.pki.saes.get(sae);
    assert.ok(identity);
    return identity;
  };
  const call = (sae: string | undefined, method: string, path: string, body?: unknown) =>
    rawCall(kme.url, kme.pki.ca.cert, {
      method,
      path,
      ...(sae ? { identity: as(sae) } : {}),
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
  const stored = async () => ((await call("sae-a", "GET", "/api/v1/keys/sae-b/status")).json as { stored_key_count: number }).stored_key_count;

  before(async () => {
    kme = await startTestKme([
      { saeA: "sae-a", saeB: "sae-b", rateBitsPerSecond: 0, capacityKeys: 20, maxKeysPerRequest: 8 },
      { saeA: "sae-a", saeB: "sae-c", rateBitsPerSecond: 0, capacityKeys: 2 },
    ]);
  });
  after(async () => kme.close());

  it("reports status with the caller from its certificate and the advertised limits", async () => {
    const res = await call("sae-a", "GET", "/api/v1/keys/sae-b/status");
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, {
      source_KME_ID: "kme-test",
      target_KME_ID: "kme-test",
      master_SAE_ID: "sae-a",
      slave_SAE_ID: "sae-b",
      key_size: 256,
      stored_key_count: 20,
      max_key_count: 20,
      max_key_per_request: 8,
      max_key_size: 1024,
      min_key_size: 64,
      max_SAE_ID_count: 0,
    });
  });

  it("delivers identical keys to both ends, once each, and removes them from the pool", async () => {
    const before = await stored();
    const enc = await call("sae-a", "POST", "/api/v1/keys/sae-b/enc_keys", { number: 2, size: 256 });
    assert.equal(enc.status, 200);
    const keys = (enc.json as { keys: { key_ID: string; key: string }[] }).keys;
    assert.equal(keys.length, 2);
    for (const k of keys) {
      assert.match(k.key_ID, UUID);
      assert.equal(Buffer.from(k.key, "base64").length, 32);
    }
    assert.equal(await stored(), before - 2);
    const dec = await call("sae-b", "POST", "/api/v1/keys/sae-a/dec_keys", { key_IDs: keys.map((k) => ({ key_ID: k.key_ID })) });
    assert.equal(dec.status, 200);
    assert.deepEqual((dec.json as { keys: unknown[] }).keys, keys);
    const again = await call("sae-b", "POST", "/api/v1/keys/sae-a/dec_keys", { key_IDs: [{ key_ID: keys[0]?.key_ID }] });
    assert.equal(again.status, 400);
    assert.deepEqual(again.json, { message: "one or more keys specified are not found on KME" });
  });

  it("supports the GET forms: enc_keys with number/size and dec_keys with one key_ID", async () => {
    const enc = await call("sae-a", "GET", "/api/v1/keys/sae-b/enc_keys?number=1&size=128");
    assert.equal(enc.status, 200);
    const [key] = (enc.json as { keys: { key_ID: string; key: string }[] }).keys;
    assert.ok(key);
    assert.equal(Buffer.from(key.key, "base64").length, 16);
    const dec = await call("sae-b", "GET", `/api/v1/keys/sae-a/dec_keys?key_ID=${key.key_ID}`);
    assert.equal(dec.status, 200);
    assert.deepEqual((dec.json as { keys: unknown[] }).keys, [key]);
  });

  it("defaults to one key of key_size for an empty POST body", async () => {
    const res = await call("sae-a", "POST", "/api/v1/keys/sae-b/enc_keys", {});
    assert.equal(res.status, 200);
    const keys = (res.json as { keys: { key: string }[] }).keys;
    assert.equal(keys.length, 1);
    assert.equal(Buffer.from(keys[0]?.key ?? "", "base64").length, 32);
  });

  it("answers 401 with no body to a client without a certificate", async () => {
    const res = await call(undefined, "GET", "/api/v1/keys/sae-b/status");
    assert.equal(res.status, 401);
    assert.equal(res.text, "");
  });

  it("answers 401 to a certificate from another CA", async () => {
    const foreign = await generateSimulatorPki({ kmeId: "kme-evil", saeIds: ["sae-a"] });
    const identity = foreign.saes.get("sae-a");
    assert.ok(identity);
    const res = await rawCall(kme.url, kme.pki.ca.cert, { path: "/api/v1/keys/sae-b/status", identity });
    assert.equal(res.status, 401);
    assert.equal(res.text, "");
  });

  it("answers 401 to dec_keys from an SAE that was not named as slave, and keeps the key for the slave", async () => {
    const enc = await call("sae-a", "POST", "/api/v1/keys/sae-b/enc_keys", { number: 1 });
    const keyId = (enc.json as { keys: { key_ID: string }[] }).keys[0]?.key_ID;
    assert.ok(keyId);
    // sae-c shares a link with master sae-a but was not the slave of this request.
    const stolen = await call("sae-c", "POST", "/api/v1/keys/sae-a/dec_keys", { key_IDs: [{ key_ID: keyId }] });
    assert.equal(stolen.status, 401);
    assert.equal(stolen.text, "");
    const mixed = await call("sae-b", "POST", "/api/v1/keys/sae-a/dec_keys", { key_IDs: [{ key_ID: keyId }, { key_ID: "00000000-0000-4000-8000-000000000000" }] });
    assert.equal(mixed.status, 400, "one unknown ID fails the whole request");
    const slave = await call("sae-b", "POST", "/api/v1/keys/sae-a/dec_keys", { key_IDs: [{ key_ID: keyId }] });
    assert.equal(slave.status, 200, "the refused attempts did not remove the key");
  });

  it("lets either end of a link be master", async () => {
    const enc = await call("sae-b", "POST", "/api/v1/keys/sae-a/enc_keys", { number: 1 });
    assert.equal(enc.status, 200);
    const keyId = (enc.json as { keys: { key_ID: string }[] }).keys[0]?.key_ID;
    const wrongPath = await call("sae-a", "POST", "/api/v1/keys/sae-c/dec_keys", { key_IDs: [{ key_ID: keyId }] });
    assert.equal(wrongPath.status, 400, "the key's master is sae-b, not sae-c");
    const dec = await call("sae-a", "POST", "/api/v1/keys/sae-b/dec_keys", { key_IDs: [{ key_ID: keyId }] });
    assert.equal(dec.status, 200);
  });

  const badRequests: [string, string, string, unknown, string][] = [
    ["size not a multiple of 8", "POST", "/api/v1/keys/sae-b/enc_keys", { size: 100 }, "size shall be a multiple of 8"],
    ["size below min", "POST", "/api/v1/keys/sae-b/enc_keys", { size: 32 }, "size shall be between min_key_size (64) and max_key_size (1024)"],
    ["number above max", "POST", "/api/v1/keys/sae-b/enc_keys", { number: 9 }, "number exceeds max_key_per_request (8)"],
    ["number zero", "POST", "/api/v1/keys/sae-b/enc_keys", { number: 0 }, "number shall be a positive integer"],
    ["multicast", "POST", "/api/v1/keys/sae-b/enc_keys", { additional_slave_SAE_IDs: ["sae-c"] }, "additional_slave_SAE_IDs exceeds max_SAE_ID_count (0)"],
    ["malformed JSON", "POST", "/api/v1/keys/sae-b/enc_keys", "{number:", "request body is not valid JSON"],
    ["unknown field", "POST", "/api/v1/keys/sae-b/enc_keys", { nmber: 1 }, "unknown field(s): nmber"],
    ["GET with extra parameter", "GET", "/api/v1/keys/sae-b/enc_keys?number=1&extension=x", undefined, "GET enc_keys takes only number and size; use POST otherwise"],
    ["GET dec_keys with two IDs", "GET", "/api/v1/keys/sae-b/dec_keys?key_ID=a&key_ID=b", undefined, "GET dec_keys takes exactly one key_ID; use POST otherwise"],
    ["unknown slave", "GET", "/api/v1/keys/nobody/status", undefined, "slave_SAE_ID nobody is not reachable from sae-a"],
    ["empty key_IDs", "POST", "/api/v1/keys/sae-b/dec_keys", { key_IDs: [] }, "key_IDs shall be a non-empty array"],
  ];
  for (const [name, method, path, body, message] of badRequests) {
    it(`answers 400 with the error shape and changes nothing: ${name}`, async () => {
      const before = await stored();
      const res = await call("sae-a", method, path, body);
      assert.equal(res.status, 400);
      assert.deepEqual(res.json, { message });
      assert.equal(await stored(), before);
    });
  }

  it("answers 400 with details for unsupported mandatory extensions, and ignores optional ones", async () => {
    const before = await stored();
    const res = await call("sae-a", "POST", "/api/v1/keys/sae-b/enc_keys", { extension_mandatory: [{ abc_route_type: "direct" }] });
    assert.equal(res.status, 400);
    assert.deepEqual(res.json, {
      message: "not all extension_mandatory parameters are supported",
      details: [{ extension_mandatory_unsupported: "abc_route_type is not supported" }],
    });
    assert.equal(await stored(), before);
    const optional = await call("sae-a", "POST", "/api/v1/keys/sae-b/enc_keys", { extension_optional: [{ abc_route_type: "direct" }] });
    assert.equal(optional.status, 200);
  });

  it("answers 503 when the pool is exhausted, without delivering part of a request", async () => {
    const first = await call("sae-a", "POST", "/api/v1/keys/sae-c/enc_keys", { number: 2 });
    assert.equal(first.status, 200);
    const empty = await call("sae-a", "POST", "/api/v1/keys/sae-c/enc_keys", { number: 1 });
    assert.equal(empty.status, 503);
    assert.deepEqual(empty.json, { message: "keys are being exhausted", details: [{ stored_key_count: 0 }] });
  });

  it("answers 503 while the link is down", async () => {
    kme.simulator.faults = { linkDown: true };
    try {
      const res = await call("sae-a", "POST", "/api/v1/keys/sae-b/enc_keys", {});
      assert.equal(res.status, 503);
      assert.deepEqual(res.json, { message: "QKD link is down" });
    } finally {
      kme.simulator.faults = {};
    }
  });
});

describe("KME simulator key rate", () => {
  it("refills at the link's rate up to capacity, so exhaustion ends as time passes", async () => {
    let now = 1_000_000;
    const clock = { now: () => new Date(now) };
    const kme = await startTestKme([{ saeA: "sae-a", saeB: "sae-b", rateBitsPerSecond: 2560, capacityKeys: 4 }], clock);
    try {
      const req = { saeA: "sae-a", saeB: "sae-b" };
      const identity = kme.pki.saes.get("sae-a");
      assert.ok(identity);
      const take = (number: number) => rawCall(kme.url, kme.pki.ca.cert, { method: "POST", path: "/api/v1/keys/sae-b/enc_keys", identity, body: JSON.stringify({ number }) });
      assert.equal((await take(4)).status, 200);
      assert.equal((await take(1)).status, 503);
      now += 1000; // 2560 bit/s = 10 keys of 256 bits per second, capped at 4
      assert.equal(kme.simulator.storedKeyCount(req.saeA, req.saeB), 4);
      assert.equal((await take(4)).status, 200);
      now += 100; // one key
      assert.equal(kme.simulator.storedKeyCount(req.saeA, req.saeB), 1);
    } finally {
      await kme.close();
    }
  });
});
