/** A QKD link between two trusted nodes, as the router sees it. */
export interface LinkState {
  readonly a: string;
  readonly b: string;
  /** Key bits currently available in the link's pool (both ends hold the same amount). */
  readonly availableBits: number;
  readonly up: boolean;
}

/**
 * Weight of one hop: one per hop, plus a penalty that grows as the pool empties, so traffic spreads
 * to links with more key. With `alpha` = 2^16 a link holding 64 kbit costs two hops.
 */
export function hopWeight(link: LinkState, alpha: number): number {
  return 1 + alpha / Math.max(link.availableBits, 1);
}

/**
 * Cheapest path from `from` to `to` over links that are up and hold at least `bits` (a relayed key
 * consumes its length on every hop). Returns the node list including both ends, or undefined.
 */
export function findRelayPath(
  links: readonly LinkState[],
  from: string,
  to: string,
  bits: number,
  options: { alpha?: number; exclude?: ReadonlySet<string> } = {},
): string[] | undefined {
  if (from === to) return [from];
  const alpha = options.alpha ?? 65_536;
  const adjacency = new Map<string, { node: string; weight: number }[]>();
  for (const link of links) {
    if (!link.up || link.availableBits < bits || options.exclude?.has(linkId(link.a, link.b))) continue;
    const weight = hopWeight(link, alpha);
    for (const [x, y] of [[link.a, link.b], [link.b, link.a]] as const) {
      const list = adjacency.get(x) ?? [];
      list.push({ node: y, weight });
      adjacency.set(x, list);
    }
  }
  const distance = new Map<string, number>([[from, 0]]);
  const previous = new Map<string, string>();
  const done = new Set<string>();
  // Graphs are small (tens of trusted nodes), so a linear scan beats a heap in clarity.
  for (;;) {
    let current: string | undefined;
    let best = Infinity;
    for (const [node, d] of distance) if (!done.has(node) && d < best) [current, best] = [node, d];
    if (current === undefined) return undefined;
    if (current === to) break;
    done.add(current);
    for (const edge of adjacency.get(current) ?? []) {
      const candidate = best + edge.weight;
      if (candidate < (distance.get(edge.node) ?? Infinity)) {
        distance.set(edge.node, candidate);
        previous.set(edge.node, current);
      }
    }
  }
  const path = [to];
  for (let node = to; node !== from; ) {
    const before = previous.get(node);
    if (before === undefined) return undefined;
    path.unshift(before);
    node = before;
  }
  return path;
}

/** Order-independent id of the link between two nodes. */
export function linkId(a: string, b: string): string {
  return a < b ? `${a}~${b}` : `${b}~${a}`;
}
