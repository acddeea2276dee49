// Lint rules that keep the architecture honest: a service never imports another service, domain code
// does no I/O and reads no environment, the platform never depends on a service.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const SERVICES = ["identity", "organisation", "approval", "device-control", "media", "ocr-verification", "key-management", "audit"];
const IO_MODULES = [
  "fs", "node:fs", "fs/promises", "node:fs/promises", "net", "node:net", "http", "node:http", "https", "node:https",
  "child_process", "node:child_process", "dgram", "node:dgram", "tls", "node:tls",
  "pg", "kafkajs", "ioredis", "minio", "mqtt", "aedes", "@electric-sql/pglite", "fastify",
];

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/generated/**", "**/tmp/**", "data/**", ".test-servers/**", "**/*.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", Buffer: "readonly", URL: "readonly", fetch: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly", AbortSignal: "readonly", AbortController: "readonly", TextEncoder: "readonly", TextDecoder: "readonly", structuredClone: "readonly", setImmediate: "readonly", queueMicrotask: "readonly", performance: "readonly", WebAssembly: "readonly", crypto: "readonly", globalThis: "readonly", Response: "readonly", Request: "readonly", Headers: "readonly", URLSearchParams: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["**/*.mjs", "**/*.cjs", "**/*.js"],
    rules: { "@typescript-eslint/consistent-type-imports": "off", "@typescript-eslint/no-require-imports": "off" },
  },
  ...SERVICES.map((service) => ({
    files: [`services/${service}/src/**/*.ts`],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ group: SERVICES.filter((s) => s !== service).flatMap((s) => [`@yunxi/${s}`, `@yunxi/${s}/*`]).concat(["@yunxi/gateway", "@yunxi/all-in-one", "**/services/*/src/**"]), message: "A service never imports another service: use its gRPC client or events." }],
      }],
    },
  })),
  {
    files: ["services/*/src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        paths: IO_MODULES.map((name) => ({ name, message: "domain/ is pure: no I/O. Put this in an adapter behind a port." })),
        patterns: [{ group: ["@prisma/*", "@grpc/*", "**/adapters/**"], message: "domain/ is pure: no I/O or adapters." }],
      }],
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "domain/ reads no environment; config arrives through the module." }],
    },
  },
  {
    files: ["packages/platform/src/**/*.ts", "gateway/src/**/*.ts", "proto/src/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ group: SERVICES.flatMap((s) => [`@yunxi/${s}`, `@yunxi/${s}/*`]), message: "Shared code and the gateway never import a service." }],
      }],
    },
  },
);
