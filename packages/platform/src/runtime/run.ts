import { Server, ServerCredentials } from "@grpc/grpc-js";
import { ReflectionService } from "@grpc/reflection";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { ConfigError, loadConfigs, redactConfig, type ConfigProblem, type ConfigSpec } from "../config/config.js";
import type { PackageDefinition } from "@grpc/proto-loader";
import { HealthRegistry, healthPackageDefinition, healthServiceDefinition } from "../grpc/health.js";
import { createRootLogger, type Logger } from "../logging/logger.js";
import { withTimeout } from "../util/with-timeout.js";
import type { Infrastructure } from "./infrastructure.js";
import type { ModuleContext, ModuleDefinition, PeerDirectory } from "./module.js";
import { peerAddressOf } from "./peer-addresses.js";
import { missingExternalSettings, platformConfigSpec, type PlatformConfig } from "./platform-config.js";

/** The pseudo-target that applies database migrations of the selected modules, then exits. */
export const MIGRATE_TARGET = "migrate";

export interface RunOptions {
  /** `all`, or a comma-separated list of module names (TARGETS). */
  readonly targets?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly logger?: Logger;
  /** Opens the shared resources; the default chooses embedded or external parts from the config. */
  readonly openInfrastructure: (config: PlatformConfig, logger: Logger) => Infrastructure;
  /** Applies one module's migrations (provided by the database layer). */
  readonly migrate?: (infrastructure: Infrastructure, module: ModuleDefinition, logger: Logger) => Promise<void>;
}

export interface RunningPlatform {
  readonly grpcAddress: string;
  /** URLs announced by modules, e.g. `console` → `http://127.0.0.1:8080`. */
  readonly endpoints: Readonly<Record<string, string>>;
  readonly targets: readonly string[];
  readonly health: HealthRegistry;
  readonly logger: Logger;
  /** Graceful stop: NOT_SERVING, modules in reverse order, gRPC server, infrastructure. Bounded by the deadline. */
  stop(reason?: string): Promise<void>;
}

/** Resolves TARGETS against the known modules; unknown names are a configuration error naming them. */
export function selectModules(
  modules: readonly ModuleDefinition[],
  targets: string,
): { selected: ModuleDefinition[]; migrateOnly: boolean } {
  const names = targets.split(",").map((t) => t.trim()).filter(Boolean);
  const migrateOnly = names.includes(MIGRATE_TARGET);
  const wanted = names.filter((n) => n !== MIGRATE_TARGET);
  if (wanted.length === 0 || wanted.includes("all")) return { selected: [...modules], migrateOnly };
  const known = new Set(modules.map((m) => m.name));
  const unknown = wanted.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new ConfigError([
      { variable: "TARGETS", message: `unknown target(s) ${unknown.join(", ")}; known: all, ${MIGRATE_TARGET}, ${[...known].join(", ")}` },
    ]);
  }
  return { selected: modules.filter((m) => wanted.includes(m.name)), migrateOnly };
}


/**
 * Runs the selected modules in this process: one gRPC server (health per module, reflection), modules
 * started in the given order, each SERVING once started. Configuration of the platform and of every
 * selected module is checked first, and all problems are reported together.
 */
export async function run(modules: readonly ModuleDefinition[], options: RunOptions): Promise<RunningPlatform> {
  const environment = options.env ?? process.env;
  // Every problem at once: unknown targets, bad platform settings, bad module settings.
  const problems: ConfigProblem[] = [];
  let selection: { selected: ModuleDefinition[]; migrateOnly: boolean } = { selected: [], migrateOnly: false };
  try {
    selection = selectModules(modules, options.targets ?? environment["TARGETS"] ?? "all");
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  const { selected, migrateOnly } = selection;
  const specs: Record<string, ConfigSpec> = { platform: platformConfigSpec };
  for (const module of selected) if (module.config) specs[module.name] = module.config as ConfigSpec;
  let configs: Record<string, unknown> = {};
  try {
    configs = loadConfigs(specs, environment) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  const platformForCheck = configs["platform"] as PlatformConfig | undefined;
  if (platformForCheck?.REQUIRE_EXTERNAL) problems.push(...missingExternalSettings(platformForCheck));
  if (problems.length > 0) throw new ConfigError(problems);
  const platform = configs["platform"] as PlatformConfig;

  const logger = options.logger ?? createRootLogger({ level: environment["LOG_LEVEL"] ?? "info" });
  const dataDir = resolve(platform.DATA_DIR);
  const infrastructure = options.openInfrastructure(platform, logger);

  if (migrateOnly) {
    if (!options.migrate) throw new Error("this build has no migration support");
    for (const module of selected) {
      if (!module.migrationsDir) continue;
      await withTimeout(options.migrate(infrastructure, module, logger.child({ service: module.name })), platform.START_TIMEOUT_MS, () => `migrations of ${module.name}`);
    }
    await infrastructure.close();
    logger.info({ modules: selected.map((m) => m.name) }, "migrations applied");
    return {
      grpcAddress: "",
      endpoints: {},
      targets: selected.map((m) => m.name),
      health: new HealthRegistry(),
      logger,
      stop: async () => {},
    };
  }

  const health = new HealthRegistry();
  const server = new Server({ "grpc.max_receive_message_length": 16 * 1024 * 1024 });
  server.addService(healthServiceDefinition, health.implementation());
  const registered = new Set<string>();
  // Every proto package registered by a module, so reflection can describe all served services.
  const reflected: PackageDefinition = {};
  const port = await new Promise<number>((resolvePort, reject) => {
    server.bindAsync(`${platform.BIND_HOST}:${platform.GRPC_PORT}`, ServerCredentials.createInsecure(), (error, boundPort) =>
      error ? reject(new Error(`cannot listen for gRPC on ${platform.BIND_HOST}:${platform.GRPC_PORT}: ${error.message}`)) : resolvePort(boundPort),
    );
  });
  const localHost = platform.BIND_HOST === "0.0.0.0" || platform.BIND_HOST === "::" ? "127.0.0.1" : platform.BIND_HOST;
  const grpcAddress = `${localHost}:${port}`;
  const selectedNames = selected.map((m) => m.name);
  const peers: PeerDirectory = {
    isLocal: (name) => selectedNames.includes(name),
    address: (name) => (selectedNames.includes(name) ? grpcAddress : peerAddressOf(platform, name)),
  };

  const endpoints: Record<string, string> = {};
  const stopStack: { module: string; stop: () => Promise<void> | void }[] = [];
  let stopping: Promise<void> | undefined;
  const stop = (reason = "stop requested"): Promise<void> => {
    stopping ??= (async () => {
      logger.info({ reason }, "shutting down");
      health.setAll("NOT_SERVING");
      const deadline = Date.now() + platform.SHUTDOWN_TIMEOUT_MS;
      const remaining = () => Math.max(1, deadline - Date.now());
      for (const entry of stopStack.reverse()) {
        try {
          await withTimeout(Promise.resolve(entry.stop()), remaining(), () => `stopping ${entry.module}`);
        } catch (error) {
          logger.error({ err: error, module: entry.module }, "module did not stop cleanly");
        }
      }
      await withTimeout(
        new Promise<void>((done) => server.tryShutdown(() => done())),
        remaining(),
        () => "gRPC server shutdown",
      ).catch(() => server.forceShutdown());
      await withTimeout(infrastructure.close(), remaining(), () => "closing infrastructure").catch((error: unknown) =>
        logger.error({ err: error }, "infrastructure did not close cleanly"),
      );
      logger.info("stopped");
    })();
    return stopping;
  };

  try {
    logger.info({ targets: selectedNames, grpc: grpcAddress, config: redactConfig(platformConfigSpec, platform) }, "starting");
    for (const module of selected) {
      health.set(module.name, "NOT_SERVING");
      const moduleLogger = logger.child({ service: module.name });
      const moduleDataDir = resolve(dataDir, module.name);
      const context: ModuleContext<unknown> = {
        name: module.name,
        config: configs[module.name] ?? {},
        platform,
        logger: moduleLogger,
        dataDir: moduleDataDir,
        grpc: {
          addService(definition, implementation, packageDefinition) {
            const key = Object.values(definition)[0]?.path.split("/")[1] ?? "";
            if (registered.has(key)) throw new Error(`gRPC service ${key} registered twice`);
            registered.add(key);
            server.addService(definition, implementation);
            if (packageDefinition) Object.assign(reflected, packageDefinition);
          },
        },
        infrastructure,
        peers,
        targets: selectedNames,
        health,
        announceEndpoint: (name, url) => {
          endpoints[name] = url;
        },
        onStop: (fn) => stopStack.push({ module: module.name, stop: fn }),
      };
      mkdirSync(moduleDataDir, { recursive: true });
      if (module.migrationsDir && options.migrate && platform.DATABASE_URL === undefined) {
        // Embedded mode applies migrations at boot; a cluster runs the `migrate` target as a Helm hook Job.
        await withTimeout(options.migrate(infrastructure, module, moduleLogger), platform.START_TIMEOUT_MS, () => `migrations of ${module.name}`);
      }
      for (const dependency of module.uses ?? []) {
        // Open what the module declared before it starts, so an unreachable server fails startup by name.
        await withTimeout(infrastructure.open(dependency, module.name), platform.START_TIMEOUT_MS, () => `opening ${dependency} for ${module.name}`);
      }
      await withTimeout(module.start(context as ModuleContext<never>), platform.START_TIMEOUT_MS, () => `starting module ${module.name}`);
      health.set(module.name, "SERVING");
      moduleLogger.info("serving");
    }
    // Reflection lists every service registered above (grpcurl, Postman, debugging in the field).
    Object.assign(reflected, healthPackageDefinition);
    new ReflectionService(reflected).addToServer(server);
  } catch (error) {
    await stop("startup failed");
    throw error;
  }

  return { grpcAddress, endpoints, targets: selectedNames, health, logger, stop };
}
