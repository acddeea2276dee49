import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { failedPrecondition } from "@yunxi/platform";
import { openApiDocument, withRoutes } from "../openapi.js";
import { approvalRoutes } from "./approval.js";
import { assertRefusedInput, assertServesDescribedRoutes, routeTestGateway } from "./route-test-support.js";

const ID = "3f1c6f5e-0000-4000-8000-000000000000";
const DOC = { objectKey: "docs/a.pdf", sha256: "a".repeat(64), contentType: "application/pdf" };

describe("approval routes", () => {
  const gateway = routeTestGateway((method) => {
    if (method === "ApproveApplication") throw failedPrecondition("cannot approve an application that is DRAFT");
    return { method };
  });
  const { app, calls, send } = gateway;
  before(() => gateway.start(approvalRoutes));
  after(() => gateway.close());

  it("maps each route to its RPC with the caller's token", async () => {
    const physical = { sealType: "OFFICIAL", sizeMm: 42, material: "COPPER" };
    const application = { sealId: ID, title: "t", documents: [DOC], impressionCount: 2 };
    const cases: [Parameters<typeof send>, number, string, unknown][] = [
      [["POST", "/api/v1/seals", { name: "公章", physical }], 201, "CreateSeal", { name: "公章", physical }],
      [["GET", "/api/v1/seals"], 200, "ListSeals", {}],
      [["GET", `/api/v1/seals/${ID}`], 200, "GetSeal", { id: ID }],
      [["PUT", `/api/v1/seals/${ID}/device`, { deviceId: "dev-1" }], 200, "BindSealDevice", { sealId: ID, deviceId: "dev-1" }],
      [["PUT", `/api/v1/seals/${ID}/device`, { deviceId: null }], 200, "BindSealDevice", { sealId: ID, deviceId: "" }],
      [["POST", "/api/v1/applications", application], 201, "CreateApplication", { ...application, description: "" }],
      [["GET", "/api/v1/applications?state=SUBMITTED"], 200, "ListApplications", { state: "SUBMITTED" }],
      [["GET", "/api/v1/applications"], 200, "ListApplications", { state: "" }],
      [["GET", `/api/v1/applications/${ID}`], 200, "GetApplication", { id: ID }],
      [["POST", `/api/v1/applications/${ID}/submit`], 200, "SubmitApplication", { id: ID }],
      [["POST", `/api/v1/applications/${ID}/withdraw`, { expectedVersion: 3 }], 200, "WithdrawApplication", { id: ID, expectedVersion: 3 }],
      [["POST", `/api/v1/applications/${ID}/reject`, { comment: "页数不符" }], 200, "RejectApplication", { id: ID, comment: "页数不符" }],
    ];
    for (const [args, status, method, request] of cases) {
      calls.length = 0;
      const response = await send(...args);
      assert.equal(response.statusCode, status, `${args[0]} ${args[1]}: ${response.body}`);
      assert.deepEqual(calls.map((c) => [c.module, c.method, c.request, c.context.bearerToken]), [["approval", method, request, "tok"]]);
    }
  });

  it("refuses malformed bodies with 400 and field violations, calling nothing", async () => {
    calls.length = 0;
    for (const [method, url, body, field] of [
      ["POST", "/api/v1/seals", { name: "x", physical: { sealType: "OFFICIAL", sizeMm: "42", material: "COPPER" } }, "physical.sizeMm"],
      ["POST", "/api/v1/applications", { sealId: ID, title: "t", documents: [DOC], impressionCount: 1.5 }, "impressionCount"],
      ["POST", "/api/v1/applications", { sealId: ID, title: "t", documents: [DOC], impressionCount: -1 }, "impressionCount"],
      ["POST", "/api/v1/applications", { sealId: ID, title: "t", documents: [{ ...DOC, extra: 1 }], impressionCount: 1 }, "documents.0"],
      ["PUT", `/api/v1/seals/${ID}/device`, {}, "deviceId"],
      ["POST", `/api/v1/applications/${ID}/approve`, { comment: 7 }, "comment"],
      ["GET", "/api/v1/applications?colour=red", undefined, "body"],
    ] as const) {
      assertRefusedInput(await send(method, url, body), field, `${method} ${url}`);
    }
    assert.deepEqual(calls, []);
  });

  it("passes service errors through the error table", async () => {
    const response = await send("POST", `/api/v1/applications/${ID}/approve`, { comment: "ok" });
    assert.equal(response.statusCode, 412);
    assert.equal((response.json() as { error: { kind: string } }).error.kind, "FailedPrecondition");
  });

  it("describes every route it serves in OpenAPI, with every referenced schema defined", () => {
    const described = Object.entries(approvalRoutes.openApiPaths).flatMap(([path, item]) => Object.keys(item as object).map((m) => `${m.toUpperCase()} ${path}`));
    assert.deepEqual(described.sort(), [
      "GET /api/v1/applications",
      "GET /api/v1/applications/{id}",
      "GET /api/v1/seals",
      "GET /api/v1/seals/{id}",
      "POST /api/v1/applications",
      "POST /api/v1/applications/{id}/approve",
      "POST /api/v1/applications/{id}/reject",
      "POST /api/v1/applications/{id}/submit",
      "POST /api/v1/applications/{id}/withdraw",
      "POST /api/v1/seals",
      "PUT /api/v1/seals/{id}/device",
    ]);
    assertServesDescribedRoutes(app, approvalRoutes);
    const document = withRoutes(openApiDocument, [approvalRoutes]);
    const schemas = (document["components"] as { schemas: Record<string, unknown> }).schemas;
    const refs = [...JSON.stringify(document).matchAll(/"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    for (const ref of new Set(refs)) assert.ok(ref in schemas, `schema ${ref} is defined`);
  });
});
