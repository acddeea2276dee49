import type { ServiceDefinition, UntypedServiceImplementation } from "@grpc/grpc-js";
import type { PackageDefinition } from "@grpc/proto-loader";
import type { z } from "zod";
import type { ConfigSpec } from "../config/config.js";
import type { HealthRegistry } from "../grpc/health.js";
import type { Logger } from "../logging/logger.js";
import type { Dependency, Infrastructure } from "./infrastructure.js";
import type { PlatformConfig } from "./platform-config.js";

/** Finds where a module is served: this process's gRPC address if it runs here, the peer template otherwise. */
export interface PeerDirectory {
  address(moduleName: string): string;
  /** True when the module runs in this process. */
  isLocal(moduleName: string): boolean;
}

export interface ModuleContext<Config> {
  /** Module name = target name = Kubernetes Service name = OTEL service name. */
  readonly name: string;
  readonly config: Config;
  readonly platform: PlatformConfig;
  readonly logger: Logger;
  /** This module's folder for embedded data (`<YUNXI_DATA_DIR>/<name>`). */
  readonly dataDir: string;
  readonly grpc: {
    /** Serves a service; pass its proto-loader package definition too so gRPC reflection can describe it. */
    addService(definition: ServiceDefinition, implementation: UntypedServiceImplementation, packageDefinition?: PackageDefinition): void;
  };
  readonly infrastructure: Infrastructure;
  readonly peers: PeerDirectory;
  /** Names of every module selected in this process (TARGETS). */
  readonly targets: readonly string[];
  readonly health: Pick<HealthRegistry, "get" | "snapshot">;
  /** Publishes a URL this module serves (e.g. the console), shown at startup and returned by run(). */
  announceEndpoint(name: string, url: string): void;
  /** Registers cleanup; run in reverse order of registration, after later modules stopped. */
  onStop(stop: () => Promise<void> | void): void;
}

export interface ModuleDefinition<Shape extends z.ZodRawShape = z.ZodRawShape> {
  readonly name: string;
  readonly description: string;
  readonly config?: ConfigSpec<Shape>;
  /** Shared resources the module needs; opened (and so checked) before `start`. */
  readonly uses?: readonly Dependency[];
  /** Folder of `prisma/migrations` for this module's schema (schema name = module name with `_`). */
  readonly migrationsDir?: string;
  start(context: ModuleContext<Readonly<z.infer<z.ZodObject<Shape>>>>): Promise<void>;
}

const MODULE_NAME = /^[a-z][a-z0-9-]{1,40}$/;

/** Declares a module. The name must be a valid Kubernetes Service name, since it becomes one. */
export function defineModule<Shape extends z.ZodRawShape>(definition: ModuleDefinition<Shape>): ModuleDefinition<Shape> {
  if (!MODULE_NAME.test(definition.name)) throw new Error(`invalid module name "${definition.name}"`);
  return definition;
}

/** A module's database schema name: `device-control` → `device_control`. */
export function schemaNameOf(moduleName: string): string {
  return moduleName.replaceAll("-", "_");
}
