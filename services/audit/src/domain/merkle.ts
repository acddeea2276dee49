import { createHash } from "node:crypto";
import { invalidArgument } from "@yunxi/platform";

/**
 * RFC 6962 (Certificate Transparency) Merkle trees: leaves are hashed as SHA-256(0x00 || data) and inner
 * nodes as SHA-256(0x01 || left || right), so a leaf can never pass for a node (second-preimage defence).
 * The ledger's leaves are the entry hashes, in sequence order.
 */
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest();
};

export function leafHash(data: Uint8Array): Buffer {
  return sha256(LEAF_PREFIX, data);
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return sha256(NODE_PREFIX, left, right);
}

/** Largest power of two strictly smaller than n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) of RFC 6962 §2.1; the empty tree's root is SHA-256 of nothing. */
export function merkleRoot(leaves: readonly Uint8Array[]): Buffer {
  if (leaves.length === 0) return sha256();
  return subtreeRoot(leaves.map(leafHash), 0, leaves.length);
}

/**
 * The roots of every prefix of `leaves` whose size is in `sizes`, in one pass: O(n log n) for all of them,
 * where computing each with {@link merkleRoot} would cost O(n) per size. An RFC 6962 tree of n leaves is
 * the perfect subtrees of n's binary digits, largest first; its root folds them from the right.
 */
export function prefixRoots(leaves: readonly Uint8Array[], sizes: readonly number[]): Map<number, Buffer> {
  const wanted = new Set(sizes);
  const roots = new Map<number, Buffer>();
  if (wanted.has(0)) roots.set(0, sha256());
  // frontier[i] is a perfect subtree root; heights strictly decrease along the array.
  const frontier: { hash: Buffer; height: number }[] = [];
  for (let i = 0; i < leaves.length; i++) {
    let node = { hash: leafHash(leaves[i] as Uint8Array), height: 0 };
    while (frontier.length > 0 && (frontier[frontier.length - 1] as { height: number }).height === node.height) {
      const left = frontier.pop() as { hash: Buffer; height: number };
      node = { hash: nodeHash(left.hash, node.hash), height: node.height + 1 };
    }
    frontier.push(node);
    const size = i + 1;
    if (!wanted.has(size)) continue;
    let root = (frontier[frontier.length - 1] as { hash: Buffer }).hash;
    for (let j = frontier.length - 2; j >= 0; j--) root = nodeHash((frontier[j] as { hash: Buffer }).hash, root);
    roots.set(size, root);
  }
  return roots;
}

function subtreeRoot(hashed: readonly Buffer[], start: number, end: number): Buffer {
  const n = end - start;
  if (n === 1) return hashed[start] as Buffer;
  const k = splitPoint(n);
  return nodeHash(subtreeRoot(hashed, start, start + k), subtreeRoot(hashed, start + k, end));
}

/** PATH(m, D[n]) of RFC 6962 §2.1.1: sibling hashes from the leaf up to the root. */
export function inclusionPath(leafIndex: number, leaves: readonly Uint8Array[]): Buffer[] {
  if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= leaves.length) {
    throw invalidArgument(`leaf ${leafIndex} is not in a tree of ${leaves.length}`);
  }
  const hashed = leaves.map(leafHash);
  const path: Buffer[] = [];
  const walk = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n === 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(m, start, start + k);
      path.push(subtreeRoot(hashed, start + k, end));
    } else {
      walk(m - k, start + k, end);
      path.push(subtreeRoot(hashed, start, start + k));
    }
  };
  walk(leafIndex, 0, leaves.length);
  return path;
}

/** RFC 9162 §2.1.3.2: does `path` prove that `leafData` is leaf `leafIndex` of the tree with `root`? */
export function verifyInclusion(leafData: Uint8Array, leafIndex: number, treeSize: number, path: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize) || leafIndex < 0 || leafIndex >= treeSize) return false;
  // Plain numbers: ledgers stay far below 2^53 entries, and >>> would truncate to 32 bits.
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash(leafData);
  const half = (x: number) => Math.floor(x / 2);
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && Buffer.from(root).equals(r);
}
