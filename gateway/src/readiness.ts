import type { Client } from "@grpc/grpc-js";
import { callUnary, createGrpcClient, healthServiceDefinition, type PeerDirectory } from "@yunxi/platform";
import { randomUUID } from "node:crypto";

export type TargetStatus = "SERVING" | "NOT_SERVING" | "UNKNOWN" | "UNREACHABLE";

export interface ReadinessReport {
  readonly ready: boolean;
  readonly targets: Readonly<Record<string, TargetStatus>>;
}

/**
 * Asks each upstream module for its gRPC health, over the network even when it runs in this process,
 * so readiness means "answers on its gRPC port" in both run modes.
 */
export class ReadinessChecker {
  readonly #clients = new Map<string, Client>();

  constructor(
    private readonly peers: PeerDirectory,
    private readonly upstreams: readonly string[],
    private readonly timeoutMs: number,
  ) {}

  async check(): Promise<ReadinessReport> {
    const entries = await Promise.all(this.upstreams.map(async (name) => [name, await this.#checkOne(name)] as const));
    return { ready: entries.every(([, status]) => status === "SERVING"), targets: Object.fromEntries(entries) };
  }

  async #checkOne(name: string): Promise<TargetStatus> {
    const address = this.peers.address(name);
    let client = this.#clients.get(address);
    if (!client) {
      client = createGrpcClient(healthServiceDefinition, { address });
      this.#clients.set(address, client);
    }
    try {
      const response = await callUnary<{ service: string }, { status: string }>(client, "Check", { service: name }, { requestId: randomUUID() }, this.timeoutMs);
      return response.status === "SERVING" ? "SERVING" : response.status === "NOT_SERVING" ? "NOT_SERVING" : "UNKNOWN";
    } catch {
      return "UNREACHABLE";
    }
  }

  close(): void {
    for (const client of this.#clients.values()) client.close();
    this.#clients.clear();
  }
}
