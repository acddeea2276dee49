// Test helpers for every package: real test servers (never skipped) and the ONE contract suite per port,
// so a new implementation (another S3, another broker) proves itself against the same expectations.
export * from "./servers.js";
export { sqlDatabaseContract, uniqueSchema, capturingLogger } from "../db/sql-database.contract.js";
export { eventBusContract, waitFor } from "../events/event-bus.contract.js";
export { outboxContract } from "../events/outbox.contract.js";
export { blobStoreContract } from "../blobs/blob-store.contract.js";
export { keyValueStoreContract } from "../kv/key-value-store.contract.js";
export { deviceBrokerContract } from "../mqtt/device-broker.contract.js";
export * from "./test-issuer.js";
export * from "./grpc-test-server.js";
export * from "./eventually.js";
