/**
 * The OpenAPI 3.1 document of the gateway's REST/JSON API, served at /api/openapi.json.
 * Every route the gateway serves is described here; a test checks that the two agree.
 */
export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Yunxi API",
    version: "0.1.0",
    description: "REST/JSON API of the Yunxi seal-control platform, for the console and custom front ends.",
  },
  // Every operation needs a bearer token (Keycloak or the built-in issuer) unless it declares `security: []`.
  security: [{ bearerAuth: [] }],
  paths: {
    "/healthz": {
      get: {
        operationId: "getHealth",
        security: [],
        summary: "Liveness: the gateway process is running",
        responses: { "200": { description: "alive", content: { "application/json": { schema: { $ref: "#/components/schemas/Health" } } } } },
      },
    },
    "/readyz": {
      get: {
        operationId: "getReadiness",
        security: [],
        summary: "Readiness: every selected target answers SERVING on its gRPC health service",
        responses: {
          "200": { description: "ready", content: { "application/json": { schema: { $ref: "#/components/schemas/Readiness" } } } },
          "503": { description: "not ready", content: { "application/json": { schema: { $ref: "#/components/schemas/Readiness" } } } },
        },
      },
    },
    "/api/openapi.json": {
      get: { operationId: "getOpenApi", security: [], summary: "This document", responses: { "200": { description: "OpenAPI 3.1 document" } } },
    },
  },
  components: {
    securitySchemes: {
      bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "Access token from Keycloak or the built-in issuer (/oidc)" },
      deviceUploadToken: { type: "http", scheme: "bearer", description: "A device's upload token from its signed Authorise command (device photo uploads only)" },
    },
    schemas: {
      Health: { type: "object", required: ["status"], properties: { status: { const: "ok" } } },
      Readiness: {
        type: "object",
        required: ["status", "targets"],
        properties: {
          status: { enum: ["ready", "not ready"] },
          targets: { type: "object", additionalProperties: { enum: ["SERVING", "NOT_SERVING", "UNKNOWN", "UNREACHABLE"] } },
        },
      },
      Error: {
        type: "object",
        required: ["error"],
        properties: {
          error: {
            type: "object",
            required: ["kind", "message"],
            properties: {
              kind: { enum: ["InvalidArgument", "Unauthenticated", "PermissionDenied", "NotFound", "AlreadyExists", "FailedPrecondition", "ResourceExhausted", "Unavailable", "Internal"] },
              message: { type: "string" },
              violations: { type: "array", items: { type: "object", properties: { field: { type: "string" }, message: { type: "string" } } } },
            },
          },
        },
      },
    },
  },
} as const;

/** The document with every service's routes and schemas merged in. */
export function withRoutes(base: typeof openApiDocument, routes: readonly { openApiPaths: Readonly<Record<string, unknown>>; openApiSchemas?: Readonly<Record<string, unknown>> }[]): Record<string, unknown> {
  const paths: Record<string, unknown> = { ...base.paths };
  const schemas: Record<string, unknown> = { ...base.components.schemas };
  for (const group of routes) {
    for (const [path, item] of Object.entries(group.openApiPaths)) {
      if (path in paths) throw new Error(`OpenAPI path ${path} is declared twice`);
      paths[path] = item;
    }
    Object.assign(schemas, group.openApiSchemas ?? {});
  }
  return { ...base, paths, components: { ...base.components, schemas } };
}
