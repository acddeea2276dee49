// Test helpers for every package: real test servers (never skipped) and small utilities.
export * from "./servers.js";
