import { status as GrpcStatus, type ServerUnaryCall, type ServerWritableStream, type sendUnaryData, type ServiceDefinition, type UntypedServiceImplementation } from "@grpc/grpc-js";
import { loadProtoDefinition } from "@yunxi/proto";
import type { HealthCheckRequest__Output } from "@yunxi/proto/generated/grpc/health/v1/HealthCheckRequest";
import type { HealthCheckResponse } from "@yunxi/proto/generated/grpc/health/v1/HealthCheckResponse";

export type ServingStatus = "SERVING" | "NOT_SERVING";

/** The proto-loader package of grpc.health.v1 (for reflection). */
export const healthPackageDefinition = loadProtoDefinition("grpc/health/v1/health.proto");
const definition = healthPackageDefinition;

/** grpc.health.v1.Health, loaded from proto/ like every other service. */
export const healthServiceDefinition = definition["grpc.health.v1.Health"] as ServiceDefinition;

/**
 * The process's health registry: one status per module name, plus "" for the whole process
 * (SERVING only when every registered module serves). Watchers are told of every change.
 */
export class HealthRegistry {
  readonly #statuses = new Map<string, ServingStatus>();
  readonly #watchers = new Set<ServerWritableStream<HealthCheckRequest__Output, HealthCheckResponse>>();

  set(service: string, status: ServingStatus): void {
    this.#statuses.set(service, status);
    for (const watcher of this.#watchers) {
      const watched = watcher.request.service;
      if (watched === service || watched === "") watcher.write({ status: this.get(watched) ?? "SERVICE_UNKNOWN" });
    }
  }

  /** Marks every module NOT_SERVING at once: the first step of shutdown, so probes drain traffic. */
  setAll(status: ServingStatus): void {
    for (const service of [...this.#statuses.keys()]) this.set(service, status);
  }

  get(service: string): ServingStatus | undefined {
    if (service !== "") return this.#statuses.get(service);
    if (this.#statuses.size === 0) return "NOT_SERVING";
    return [...this.#statuses.values()].every((s) => s === "SERVING") ? "SERVING" : "NOT_SERVING";
  }

  snapshot(): Record<string, ServingStatus> {
    return Object.fromEntries(this.#statuses);
  }

  implementation(): UntypedServiceImplementation {
    return {
      Check: (call: ServerUnaryCall<HealthCheckRequest__Output, HealthCheckResponse>, callback: sendUnaryData<HealthCheckResponse>) => {
        const status = this.get(call.request.service);
        if (status === undefined) {
          callback({ code: GrpcStatus.NOT_FOUND, details: `unknown service "${call.request.service}"` });
          return;
        }
        callback(null, { status });
      },
      Watch: (call: ServerWritableStream<HealthCheckRequest__Output, HealthCheckResponse>) => {
        call.write({ status: this.get(call.request.service) ?? "SERVICE_UNKNOWN" });
        this.#watchers.add(call);
        call.on("cancelled", () => this.#watchers.delete(call));
        call.on("close", () => this.#watchers.delete(call));
      },
    };
  }
}
