// The public surface of @yunxi/platform. Services import from here (or "@yunxi/platform/testing").
export * from "./errors/errors.js";
export * from "./logging/logger.js";
export * from "./config/config.js";
export * from "./grpc/health.js";
export * from "./grpc/call-context.js";
export * from "./grpc/handlers.js";
export * from "./grpc/client.js";
export * from "./runtime/module.js";
export * from "./runtime/platform-config.js";
export * from "./runtime/infrastructure.js";
export * from "./runtime/run.js";
export type * from "./db/sql.js";
export type * from "./events/event-bus.js";
export * from "./runtime/default-infrastructure.js";
export * from "./auth/token-verifier.js";
