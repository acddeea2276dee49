// The public surface of @yunxi/platform. Services import from here (or "@yunxi/platform/testing").
export * from "./errors/errors.js";
export * from "./logging/logger.js";
export * from "./config/config.js";
export * from "./auth/token-verifier.js";
export * from "./auth/permissions.js";
export * from "./auth/create-token-verifier.js";
export * from "./auth/service-caller.js";
export * from "./auth/service-tokens.js";
export * from "./auth/device-upload-tokens.js";
export * from "./grpc/health.js";
export * from "./grpc/call-context.js";
export * from "./grpc/handlers.js";
export * from "./grpc/client.js";
export * from "./runtime/module.js";
export * from "./runtime/platform-config.js";
export * from "./runtime/infrastructure.js";
export * from "./runtime/run.js";
export * from "./runtime/default-infrastructure.js";
export * from "./runtime/signing-secret.js";
// database
export type * from "./db/sql.js";
export * from "./db/pg-sql-database.js";
export * from "./db/pglite-sql-database.js";
export * from "./db/migrations.js";
export * from "./db/prisma.js";
export * from "./db/schema-name.js";
// events
export type * from "./events/event-bus.js";
export { DEFAULT_MAX_ATTEMPTS, type RetryPolicy } from "./events/backoff.js";
export * from "./events/dead-letters.js";
export { isPassingFault } from "./events/handler-failure.js";
export * from "./events/envelope.js";
export * from "./events/kafka-event-bus.js";
export * from "./events/event-namespace.js";
export * from "./events/in-process-event-bus.js";
export * from "./events/outbox.js";
export * from "./events/processed-events.js";
// blobs
export * from "./blobs/blob-store.js";
export * from "./blobs/local-blob-store.js";
export * from "./blobs/s3-blob-store.js";
export * from "./blobs/open-blob-store.js";
// key-value
export * from "./kv/key-value-store.js";
export * from "./kv/memory-key-value-store.js";
export * from "./kv/redis-key-value-store.js";
export * from "./kv/open-key-value-store.js";
// MQTT device broker
export * from "./mqtt/device-broker.js";
export * from "./mqtt/device-topics.js";
export * from "./mqtt/device-credential-store.js";
export * from "./mqtt/aedes-device-broker.js";
export * from "./mqtt/mosquitto-device-broker.js";
export * from "./mqtt/sql-device-credential-store.js";
