import assert from "node:assert/strict";
import { createCipheriv, createHash } from "node:crypto";
import { describe, it } from "node:test";
import { isYunxiError } from "@yunxi/platform";
import { AesGcmCipher } from "./aes-gcm-cipher.js";
import { NonceSequence } from "./nonce-sequence.js";
import { Sm4CtrHmacSm3Cipher } from "./sm4-ctr-hmac-sm3-cipher.js";

const hex = (s: string) => Buffer.from(s, "hex");

describe("published test vectors", () => {
  it("SM4 (GB/T 32907 example): key = plaintext = 0123456789abcdeffedcba9876543210", () => {
    const key = hex("0123456789abcdeffedcba9876543210");
    const cipher = createCipheriv("sm4-ecb", key, null).setAutoPadding(false);
    const out = Buffer.concat([cipher.update(key), cipher.final()]);
    assert.equal(out.toString("hex"), "681edf34d206965e86b3e94f536e4246");
  });

  it("SM4-CTR keystream block 0 equals SM4 of the counter block, as our suite relies on", () => {
    const key = hex("0123456789abcdeffedcba9876543210");
    const ctr = createCipheriv("sm4-ctr", key, key);
    // CTR over zeros yields E_K(counter); with counter = the GB/T plaintext that is the published ciphertext.
    assert.equal(ctr.update(Buffer.alloc(16)).toString("hex"), "681edf34d206965e86b3e94f536e4246");
  });

  it("SM3 (GB/T 32905 example): SM3(\"abc\")", () => {
    assert.equal(createHash("sm3").update("abc").digest("hex"), "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  });

  it("AES-256-GCM (McGrew-Viega test cases 13 and 14)", () => {
    const key = Buffer.alloc(32);
    const iv = Buffer.alloc(12);
    const tc13 = createCipheriv("aes-256-gcm", key, iv);
    tc13.final();
    assert.equal(tc13.getAuthTag().toString("hex"), "530f8afbc74536b9a963b4f1c4cb738b");
    const tc14 = createCipheriv("aes-256-gcm", key, iv);
    const ct = Buffer.concat([tc14.update(Buffer.alloc(16)), tc14.final()]);
    assert.equal(ct.toString("hex"), "cea7403d4d606b6e074ec5d3baf39d18");
    assert.equal(tc14.getAuthTag().toString("hex"), "d0d1c8a799996bf0265b98b5d48ab919");
  });

  it("AesGcmCipher produces exactly the standard construction (nonce ‖ ciphertext ‖ tag)", () => {
    // A sequence whose first nonce is all zeros reproduces test case 14 through our own code.
    const cipher = new AesGcmCipher(new NonceSequence(Buffer.alloc(4)));
    const body = cipher.seal(Buffer.alloc(32), Buffer.alloc(16), Buffer.alloc(0));
    assert.equal(body.toString("hex"), "000000000000000000000000" + "cea7403d4d606b6e074ec5d3baf39d18" + "d0d1c8a799996bf0265b98b5d48ab919");
  });
});

for (const make of [() => new AesGcmCipher(), () => new Sm4CtrHmacSm3Cipher()]) {
  const name = make().suite;
  describe(`${name} suite`, () => {
    const key = Buffer.alloc(32, 7);
    const aad = Buffer.from("org-1/object-9");

    it("round-trips empty, small and multi-block messages", () => {
      const cipher = make();
      for (const size of [0, 1, 15, 16, 17, 1000, 70_000]) {
        const plaintext = Buffer.alloc(size, size % 251);
        assert.deepEqual(cipher.open(key, cipher.seal(key, plaintext, aad), aad), plaintext);
      }
    });

    it("detects a flipped bit anywhere in the body, a wrong AAD and a wrong key", () => {
      const cipher = make();
      const body = cipher.seal(key, Buffer.from("seal record 42"), aad);
      for (let i = 0; i < body.length; i++) {
        const tampered = Buffer.from(body);
        tampered[i] = (tampered[i] ?? 0) ^ 0x01;
        assert.throws(() => cipher.open(key, tampered, aad), (e) => isYunxiError(e, "InvalidArgument"), `byte ${i}`);
      }
      assert.throws(() => cipher.open(key, body, Buffer.from("org-2/object-9")), (e) => isYunxiError(e, "InvalidArgument"));
      assert.throws(() => cipher.open(Buffer.alloc(32, 8), body, aad), (e) => isYunxiError(e, "InvalidArgument"));
    });

    it("never repeats a nonce", () => {
      const cipher = make();
      const seen = new Set<string>();
      for (let i = 0; i < 10_000; i++) seen.add(cipher.seal(key, Buffer.alloc(1), aad).subarray(0, 12).toString("hex"));
      assert.equal(seen.size, 10_000);
    });

    it("derives keys deterministically with the suite's HKDF", () => {
      const cipher = make();
      const a = cipher.deriveKey(Buffer.alloc(32, 1), Buffer.from("salt"), "info");
      assert.equal(a.length, 32);
      assert.deepEqual(cipher.deriveKey(Buffer.alloc(32, 1), Buffer.from("salt"), "info"), a);
      assert.notDeepEqual(cipher.deriveKey(Buffer.alloc(32, 1), Buffer.from("salt"), "info2"), a);
    });
  });
}

describe("suite independence", () => {
  it("SM4 and AES suites derive different keys from the same input", () => {
    const ikm = Buffer.alloc(32, 3);
    assert.notDeepEqual(new AesGcmCipher().deriveKey(ikm, Buffer.alloc(0), "x"), new Sm4CtrHmacSm3Cipher().deriveKey(ikm, Buffer.alloc(0), "x"));
  });
});
