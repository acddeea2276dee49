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
      [["GET", "/api/v1/organisation/notification-channels"], "ListNotificationChannels", {}],
      [["POST", "/api/v1/organisation/notification-channels", { kind: "wecom", name: "群", url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k" }], "CreateNotificationChannel", { kind: "wecom", name: "群", url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", secret: "" }],
      [["PATCH", "/api/v1/organisation/notification-channels/c-1", { enabled: false }], "UpdateNotificationChannel", { id: "c-1", enabled: false }],
      [["POST", "/api/v1/organisation/notification-channels/c-1/test"], "TestNotificationChannel", { id: "c-1" }],
      [["GET", "/api/v1/organisation/alarm-deliveries?state=failed&limit=20"], "ListAlarmDeliveries", { state: "failed", limit: 20 }],
      [["GET", "/api/v1/organisation/alarm-deliveries"], "ListAlarmDeliveries", { state: "", limit: 0 }],
    ];
    for (const [args, method, request] of cases) {
      calls.length = 0;
      const response = await send(...args);
      assert.ok(response.statusCode === 200 || response.statusCode === 201, `${args[0]} ${args[1]}: ${response.statusCode}`);
      assert.deepEqual(calls.map((c) => [c.module, c.method, c.request, c.context.bearerToken]), [["organisation", method, request, "tok"]]);
    }
    assert.equal((await send("POST", "/api/v1/organisation/departments", { name: "Legal" })).statusCode, 201);
    calls.length = 0;
    assert.equal((await send("DELETE", "/api/v1/organisation/notification-channels/c-1")).statusCode, 204);
    assert.deepEqual(calls.map((c) => [c.method, c.request]), [["DeleteNotificationChannel", { id: "c-1" }]]);
  });

  it("refuses malformed bodies with 400 and field violations, calling nothing", async () => {
    calls.length = 0;
    for (const [method, url, body, field] of [
      ["PATCH", "/api/v1/organisation", { name: 42 }, "name"],
      ["POST", "/api/v1/organisation/departments", { sortOrder: 1 }, "name"],
      ["PUT", "/api/v1/organisation/members/u-1/roles", { roles: "administrator" }, "roles"],
      ["PATCH", "/api/v1/organisation", { code: "NEW" }, "body"],
      ["POST", "/api/v1/organisation/notification-channels", { kind: "webhook", name: "x" }, "url"],
      ["PATCH", "/api/v1/organisation/notification-channels/c-1", { enabled: "no" }, "enabled"],
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
      "DELETE /api/v1/organisation/notification-channels/{id}",
      "GET /api/v1/organisation",
      "GET /api/v1/organisation/alarm-deliveries",
      "GET /api/v1/organisation/departments",
      "GET /api/v1/organisation/members",
      "GET /api/v1/organisation/notification-channels",
      "PATCH /api/v1/organisation",
      "PATCH /api/v1/organisation/departments/{id}",
      "PATCH /api/v1/organisation/notification-channels/{id}",
      "POST /api/v1/organisation/departments",
      "POST /api/v1/organisation/notification-channels",
      "POST /api/v1/organisation/notification-channels/{id}/test",
      "PUT /api/v1/organisation/members/{userId}/roles",
    ]);
    assertServesDescribedRoutes(app, organisationRoutes);
  });
});
