import { randomBytes } from "node:crypto";
import { invalidArgument, unavailable } from "@yunxi/platform";
import type { Logger } from "@yunxi/platform";
import type { AuditPublisher, Clock } from "../../app/ports.js";
import { TrustedNode, type LinkKeyPools, type RelayHopMessage } from "../../app/key-relay.js";
import { linkId, type LinkState } from "../../domain/relay-path.js";

interface SimulatedLink {
  readonly a: string;
  readonly b: string;
  availableBytes: number;
  up: boolean;
  /** Chunks each end holds; both ends get identical copies, as QKD post-processing delivers them. */
  readonly ends: Map<string, Map<string, Buffer>>;
  nextChunk: number;
}

/**
 * A QKD network of trusted nodes in one process: link pools with identical key at both ends and a
 * classical channel that can be cut per link. It records every message put on the channel so tests
 * can check what an eavesdropper on the classical links would see.
 */
export class InMemoryQkdNetwork {
  private readonly links = new Map<string, SimulatedLink>();
  private readonly nodes = new Map<string, TrustedNode>();
  /** Everything sent on the classical channel, in order. */
  readonly wire: { from: string; to: string; message: RelayHopMessage }[] = [];
  /** An active attacker on the classical channel, for tests. */
  tamper: ((message: RelayHopMessage) => RelayHopMessage) | undefined;

  constructor(private readonly deps: { audit: AuditPublisher; clock: Clock; logger: Logger }) {}

  addLink(a: string, b: string, availableBytes: number): void {
    const ends = new Map([[a, new Map<string, Buffer>()], [b, new Map<string, Buffer>()]]);
    this.links.set(linkId(a, b), { a, b, availableBytes, up: true, ends, nextChunk: 0 });
    for (const id of [a, b]) if (!this.nodes.has(id)) this.nodes.set(id, this.makeNode(id));
  }

  node(id: string): TrustedNode {
    const node = this.nodes.get(id);
    if (!node) throw invalidArgument(`unknown node ${id}`);
    return node;
  }

  setLinkUp(a: string, b: string, up: boolean): void {
    this.link(a, b).up = up;
  }

  availableBytes(a: string, b: string): number {
    return this.link(a, b).availableBytes;
  }

  linkStates(): LinkState[] {
    return [...this.links.values()].map((l) => ({ a: l.a, b: l.b, availableBits: l.availableBytes * 8, up: l.up }));
  }

  private link(a: string, b: string): SimulatedLink {
    const link = this.links.get(linkId(a, b));
    if (!link) throw invalidArgument(`no QKD link between ${a} and ${b}`);
    return link;
  }

  private makeNode(id: string): TrustedNode {
    const pools: LinkKeyPools = {
      draw: (peer, bytes) => {
        const link = this.link(id, peer);
        if (link.availableBytes < bytes) throw unavailable(`link ${linkId(id, peer)} is down: pool exhausted`);
        link.availableBytes -= bytes;
        const chunkId = `${linkId(id, peer)}#${link.nextChunk++}`;
        const key = randomBytes(bytes);
        // The peer's copy, as if QKD had distilled the same bits there.
        link.ends.get(peer)?.set(chunkId, Buffer.from(key));
        return { chunkId, key };
      },
      take: (peer, chunkId, bytes) => {
        const mine = this.link(id, peer).ends.get(id);
        const key = mine?.get(chunkId);
        if (!key || key.length !== bytes) throw invalidArgument(`link chunk ${chunkId} is not present`);
        mine?.delete(chunkId);
        return key;
      },
    };
    return new TrustedNode(id, {
      pools,
      channel: {
        send: async (from, to, message) => {
          const link = this.link(from, to);
          if (!link.up) throw unavailable(`link ${linkId(from, to)} is down`);
          this.wire.push({ from, to, message: { ...message, masked: Buffer.from(message.masked), mac: Buffer.from(message.mac) } });
          await this.node(to).receive(this.tamper ? this.tamper(message) : message);
        },
      },
      directory: { links: () => this.linkStates() },
      ...this.deps,
    });
  }
}
