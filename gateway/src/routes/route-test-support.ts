import assert from "node:assert/strict";
import { httpStatusOf, kindOf, publicMessage, YunxiError, type CallContext } from "@yunxi/platform";
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from "fastify";
import type { GatewayDeps, GatewayRoutes } from "./route-module.js";

/** One gRPC call a route made, as the fake `GatewayDeps.call` saw it. */
export interface RecordedCall {
  readonly module: string;
  readonly method: string;
  readonly request: unknown;
  readonly context: CallContext;
}

/** A route group on a bare Fastify app whose service calls are recorded and answered by the test. */
export interface RouteTestGateway {
  readonly app: FastifyInstance;
  /** Every call so far, oldest first; tests empty it with `calls.length = 0`. */
  readonly calls: RecordedCall[];
  /** Registers `routes` with fake deps (plus any `deps` the routes need, e.g. `peers`) and readies the app. */
  start(routes: GatewayRoutes, deps?: Partial<GatewayDeps>): Promise<void>;
  /** Injects a request carrying `Authorization: Bearer tok`. */
  send(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/**
 * Route tests check the HTTP-to-gRPC translation only, so the services behind the routes are one
 * function: `answer` returns the reply for a call or throws the error the service would.
 */
export function routeTestGateway(answer: (method: string, request: unknown) => unknown): RouteTestGateway {
  const app = Fastify();
  const calls: RecordedCall[] = [];
  // The gateway's own error handler, reduced: kinds through the one table.
  app.setErrorHandler((error: unknown, _request, reply) => {
    const status = error instanceof YunxiError ? httpStatusOf(error) : ((error as { statusCode?: number }).statusCode ?? 500);
    void reply.status(status).send({ error: { kind: kindOf(error), message: publicMessage(error), ...(error instanceof YunxiError && error.violations.length ? { violations: error.violations } : {}) } });
  });
  return {
    app,
    calls,
    async start(routes, deps = {}) {
      const fakes = {
        ...deps,
        callContext: (request) => {
          const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1];
          return { requestId: "r", ...(bearer ? { bearerToken: bearer } : {}) };
        },
        call: async <Res>(module: string, _service: unknown, method: string, request: unknown, context: CallContext) => {
          calls.push({ module, method, request, context });
          return answer(method, request) as Res;
        },
      } as Partial<GatewayDeps> as GatewayDeps;
      await routes.register(app, fakes);
      await app.ready();
    },
    send: (method, url, payload) => app.inject({ method, url, headers: { authorization: "Bearer tok" }, ...(payload === undefined ? {} : { payload: payload as object }) }),
    close: () => app.close(),
  };
}

/** Asserts a 400 InvalidArgument with violations, the first naming `field` ("body": any field). */
export function assertRefusedInput(response: LightMyRequestResponse, field: string, label: string): void {
  assert.equal(response.statusCode, 400, label);
  const error = (response.json() as { error: { kind: string; violations: { field: string }[] } }).error;
  assert.equal(error.kind, "InvalidArgument");
  assert.ok(error.violations.length > 0);
  if (field !== "body") assert.equal(error.violations[0]?.field, field);
}

/** Asserts `app` serves every method and path that `routes` describes in OpenAPI. */
export function assertServesDescribedRoutes(app: FastifyInstance, routes: GatewayRoutes): void {
  for (const path of Object.keys(routes.openApiPaths)) {
    const fastifyPath = path.replace(/\{(\w+)\}/g, ":$1");
    for (const method of Object.keys(routes.openApiPaths[path] as object)) {
      assert.ok(app.hasRoute({ method: method.toUpperCase() as "GET", url: fastifyPath }), `${method} ${fastifyPath} is served`);
    }
  }
}
