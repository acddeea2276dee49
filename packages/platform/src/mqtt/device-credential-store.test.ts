import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MemoryDeviceCredentialStore, makeSecretVerifier, verifySecret } from "./device-credential-store.js";

describe("device secret verifiers", () => {
  it("verify the secret they were made from and nothing else", async () => {
    const secret = "a-device-secret-0123456789";
    const verifier = await makeSecretVerifier(secret);
    assert.ok(!verifier.includes(secret));
    assert.ok(await verifySecret(verifier, secret));
    assert.ok(!(await verifySecret(verifier, `${secret}x`)));
    assert.notEqual(await makeSecretVerifier(secret), verifier, "salts differ per verifier");
  });

  it("treat malformed or hostile verifiers as a mismatch", async () => {
    const secret = "a-device-secret-0123456789";
    const good = await makeSecretVerifier(secret);
    const parts = good.split("$");
    for (const bad of ["", "plain", good.replace("scrypt", "md5"), [...parts.slice(0, 1), String(1 << 30), ...parts.slice(2)].join("$")]) {
      assert.equal(await verifySecret(bad, secret), false, bad);
    }
  });
});

describe("MemoryDeviceCredentialStore", () => {
  it("puts, replaces, gets and deletes", async () => {
    const store = new MemoryDeviceCredentialStore();
    assert.equal(await store.get("d1"), undefined);
    await store.put({ deviceId: "d1", verifier: "v1", updatedAt: new Date(0) });
    await store.put({ deviceId: "d1", verifier: "v2", updatedAt: new Date(1) });
    assert.equal((await store.get("d1"))?.verifier, "v2");
    assert.equal(await store.delete("d1"), true);
    assert.equal(await store.delete("d1"), false);
    assert.equal(await store.get("d1"), undefined);
  });
});
