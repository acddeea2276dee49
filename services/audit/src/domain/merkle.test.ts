import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { inclusionPath, leafHash, merkleRoot, nodeHash, prefixRoots, verifyInclusion } from "./merkle.js";

const sha = (...parts: (number[] | Buffer)[]) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(Buffer.isBuffer(p) ? p : Buffer.from(p));
  return h.digest();
};

// The leaves and roots of Certificate Transparency's reference test vectors (RFC 6962 trees over these
// eight inputs), as used by the CT Go and C++ implementations.
const CT_LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map((h) => Buffer.from(h, "hex"));
const CT_ROOTS = [
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

describe("RFC 6962 Merkle tree", () => {
  it("hashes leaves and nodes with the 0x00 / 0x01 prefixes", () => {
    assert.deepEqual(leafHash(Buffer.from("ab")), sha([0], Buffer.from("ab")));
    assert.deepEqual(nodeHash(Buffer.alloc(32, 1), Buffer.alloc(32, 2)), sha([1], Buffer.alloc(32, 1), Buffer.alloc(32, 2)));
    assert.equal(merkleRoot([]).toString("hex"), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("matches hand-computed roots for 1, 2, 3 and 5 leaves (odd counts split at the largest power of two)", () => {
    const d = ["a", "b", "c", "d", "e"].map((s) => Buffer.from(s));
    const L = d.map((x) => sha([0], x));
    const N = (l: Buffer, r: Buffer) => sha([1], l, r);
    assert.deepEqual(merkleRoot(d.slice(0, 1)), L[0]);
    assert.deepEqual(merkleRoot(d.slice(0, 2)), N(L[0]!, L[1]!));
    assert.deepEqual(merkleRoot(d.slice(0, 3)), N(N(L[0]!, L[1]!), L[2]!));
    assert.deepEqual(merkleRoot(d), N(N(N(L[0]!, L[1]!), N(L[2]!, L[3]!)), L[4]!));
  });

  it("matches the Certificate Transparency reference roots for 1..8 leaves", () => {
    for (let n = 1; n <= 8; n++) assert.equal(merkleRoot(CT_LEAVES.slice(0, n)).toString("hex"), CT_ROOTS[n - 1], `tree of ${n}`);
  });

  it("computes the root of every requested prefix in one pass, equal to each prefix's own root", () => {
    const leaves = Array.from({ length: 70 }, (_, i) => Buffer.from(`entry ${i}`));
    const sizes = Array.from({ length: 71 }, (_, i) => i);
    const roots = prefixRoots(leaves, sizes);
    for (const size of sizes) assert.deepEqual(roots.get(size), merkleRoot(leaves.slice(0, size)), `prefix of ${size}`);
    assert.deepEqual([...prefixRoots(leaves, [3, 64]).keys()], [3, 64], "only the sizes asked for");
  });

  it("gives hand-computed audit paths for a tree of 5", () => {
    const d = ["a", "b", "c", "d", "e"].map((s) => Buffer.from(s));
    const L = d.map((x) => sha([0], x));
    const N = (l: Buffer, r: Buffer) => sha([1], l, r);
    assert.deepEqual(inclusionPath(0, d), [L[1], N(L[2]!, L[3]!), L[4]]);
    assert.deepEqual(inclusionPath(2, d), [L[3], N(L[0]!, L[1]!), L[4]]);
    assert.deepEqual(inclusionPath(4, d), [N(N(L[0]!, L[1]!), N(L[2]!, L[3]!))]);
  });

  it("proves every leaf of every tree size up to 13, and refuses a wrong leaf, index, size or root", () => {
    const data = Array.from({ length: 13 }, (_, i) => Buffer.from(`leaf-${i}`));
    for (let size = 1; size <= data.length; size++) {
      const leaves = data.slice(0, size);
      const root = merkleRoot(leaves);
      for (let i = 0; i < size; i++) {
        const path = inclusionPath(i, leaves);
        assert.ok(verifyInclusion(leaves[i]!, i, size, path, root), `leaf ${i} of ${size}`);
        assert.ok(!verifyInclusion(Buffer.from("forged"), i, size, path, root));
        if (size > 1) assert.ok(!verifyInclusion(leaves[i]!, (i + 1) % size, size, path, root), `wrong index ${i} of ${size}`);
        if (size < data.length) assert.ok(!verifyInclusion(leaves[i]!, i, size + 1, path, merkleRoot(data.slice(0, size + 1))), `proof for ${size} against ${size + 1}`);
        if (path.length > 0) {
          const bent = path.map((p, k) => (k === 0 ? Buffer.from(p).fill(0) : p));
          assert.ok(!verifyInclusion(leaves[i]!, i, size, bent, root));
        }
        assert.ok(!verifyInclusion(leaves[i]!, i, size, path, Buffer.alloc(32)));
      }
      assert.ok(!verifyInclusion(leaves[0]!, size, size, [], root), "index beyond the tree");
    }
  });
});
