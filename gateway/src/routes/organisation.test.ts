import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { httpStatusOf, kindOf, notFound, publicMessage, YunxiError, type CallContext } from "@yunxi/platform";
import Fastify, { type FastifyInstance } from "fastify";
import { organisationRoutes } from "./organisation.js";
import type { GatewayDeps } from "./route-module.js";

describe("organisation routes", () => {
  let app: FastifyInstance;
  const calls: { module: string; method: string; request: unknown; context: CallContext }[] = [];

  before(async () => {
    app = Fastify();
    // The gateway's own error handler, reduced: kinds through the one table.
    app.setErrorHandler((error: unknown, _request, reply) => {
      const status = error instanceof YunxiError ? httpStatusOf(error) : ((error as { statusCode?: number }).statusCode ?? 500);
      void reply.status(status).send({ error: { kind: kindOf(error), message: publicMessage(error), ...(error instanceof YunxiError && error.violations.length ? { violations: error.violations } : {}) } });
    });
    const deps = {
      callContext: (request) => ({ requestId: "r", bearerToken: /^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1] ?? "" }),
      call: async <Res>(module: string, _service: unknown, method: string, request: unknown, context: CallContext) => {
        calls.push({ module, method, request, context });
        if (method === "RenameDepartment") throw notFound("department not found");
        return { method } as Res;
      },
    } as Partial<GatewayDeps> as GatewayDeps;
    await organisationRoutes.register(app, deps);
    await app.ready();
  });
  after(() => app.close());

  const send = (method: "GET" | "POST" | "PATCH" | "PUT", url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { authorization: "Bearer tok" }, ...(payload === undefined ? {} : { payload: payload as object }) });

  it("maps each route to its RPC with the caller's token", async () => {
    const cases: [Parameters<typeof send>, string, unknown][] = [
      [["GET", "/api/v1/organisation"], "GetOrganisation", {}],
      [["PATCH", "/api/v1/organisation", { description: "HQ" }], "UpdateOrganisation", { description: "HQ" }],
      [["GET", "/api/v1/organisation/departments"], "ListDepartments", {}],
      [["POST", "/api/v1/organisation/departments", { name: "Finance" }], "CreateDepartment", { name: "Finance", sortOrder: 0 }],
      [["GET", "/api/v1/organisation/members"], "ListMembers", {}],
      [["PUT", "/api/v1/organisation/members/u-1/roles", { roles: ["approver"], departmentId: null }], "SetMemberRoles", { userId: "u-1", roles: ["approver"], departmentId: "" }],
      [["PUT", "/api/v1/organisation/members/u-1/roles", { roles: ["approver"] }], "SetMemberRoles", { userId: "u-1", roles: ["approver"] }],
    ];
    for (const [args, method, request] of cases) {
      calls.length = 0;
      const response = await send(...args);
      assert.ok(response.statusCode === 200 || response.statusCode === 201, `${args[0]} ${args[1]}: ${response.statusCode}`);
      assert.deepEqual(calls.map((c) => [c.module, c.method, c.request, c.context.bearerToken]), [["organisation", method, request, "tok"]]);
    }
    assert.equal((await send("POST", "/api/v1/organisation/departments", { name: "Legal" })).statusCode, 201);
  });

  it("refuses malformed bodies with 400 and field violations, calling nothing", async () => {
    calls.length = 0;
    for (const [method, url, body, field] of [
      ["PATCH", "/api/v1/organisation", { name: 42 }, "name"],
      ["POST", "/api/v1/organisation/departments", { sortOrder: 1 }, "name"],
      ["PUT", "/api/v1/organisation/members/u-1/roles", { roles: "administrator" }, "roles"],
      ["PATCH", "/api/v1/organisation", { code: "NEW" }, "body"],
    ] as const) {
      const response = await send(method, url, body);
      assert.equal(response.statusCode, 400, `${method} ${url}`);
      const error = (response.json() as { error: { kind: string; violations: { field: string }[] } }).error;
      assert.equal(error.kind, "InvalidArgument");
      assert.ok(error.violations.length > 0);
      if (field !== "body") assert.equal(error.violations[0]?.field, field);
    }
    assert.deepEqual(calls, []);
  });

  it("passes service errors through the error table", async () => {
    const response = await send("PATCH", "/api/v1/organisation/departments/3f1c6f5e-0000-4000-8000-000000000000", { name: "X" });
    assert.equal(response.statusCode, 404);
    assert.equal((response.json() as { error: { kind: string } }).error.kind, "NotFound");
  });

  it("describes every route it serves in OpenAPI", () => {
    const described = Object.entries(organisationRoutes.openApiPaths).flatMap(([path, item]) => Object.keys(item as object).map((m) => `${m.toUpperCase()} ${path}`));
    assert.deepEqual(described.sort(), [
      "GET /api/v1/organisation",
      "GET /api/v1/organisation/departments",
      "GET /api/v1/organisation/members",
      "PATCH /api/v1/organisation",
      "PATCH /api/v1/organisation/departments/{id}",
      "POST /api/v1/organisation/departments",
      "PUT /api/v1/organisation/members/{userId}/roles",
    ]);
    for (const path of Object.keys(organisationRoutes.openApiPaths)) {
      const fastifyPath = path.replace(/\{(\w+)\}/g, ":$1");
      for (const method of Object.keys(organisationRoutes.openApiPaths[path] as object)) {
        assert.ok(app.hasRoute({ method: method.toUpperCase() as "GET", url: fastifyPath }), `${method} ${fastifyPath} is served`);
      }
    }
  });
});
