import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Argon2PasswordHasher } from "./argon2-password-hasher.js";

describe("Argon2PasswordHasher", () => {
  const hasher = new Argon2PasswordHasher();

  it("hashes with argon2id and a fresh salt, and verifies only the right password", async () => {
    const first = await hasher.hash("correct horse battery");
    const second = await hasher.hash("correct horse battery");
    assert.match(first, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.notEqual(first, second, "each hash has its own salt");
    assert.ok(!first.includes("correct horse"));
    assert.equal(await hasher.verify(first, "correct horse battery"), true);
    assert.equal(await hasher.verify(second, "correct horse battery"), true);
    assert.equal(await hasher.verify(first, "correct horse batterY"), false);
    assert.equal(await hasher.verify(first, ""), false);
  });

  it("treats unreadable or non-argon2id hashes as a mismatch instead of throwing", async () => {
    assert.equal(await hasher.verify("not a hash", "x"), false);
    assert.equal(await hasher.verify("$argon2id$v=19$m=19456,t=2,p=1$broken", "x"), false);
    // argon2i hashes are refused: only argon2id is accepted.
    assert.equal(await hasher.verify("$argon2i$v=19$m=16,t=2,p=1$c29tZXNhbHQ$g3FPQ8a3BuvPEaT7Qzq5OA", "password"), false);
  });
});
