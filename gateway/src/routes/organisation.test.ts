import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { notFound } from "@yunxi/platform";
import { organisationRoutes } from "./organisation.js";
import { assertRefusedInput, assertServesDescribedRoutes, routeTestGateway } from "./route-test-support.js";

describe("organisation routes", () => {
  const gateway = routeTestGateway((method) => {
    if (method === "RenameDepartment") throw notFound("department not found");
    return { method };
  });
  const { app, calls, send } = gateway;
  before(() => gateway.start(organisationRoutes));
  after(() => gateway.close());

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
      assertRefusedInput(await send(method, url, body), field, `${method} ${url}`);
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
    assertServesDescribedRoutes(app, organisationRoutes);
  });
});
