import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { notFound } from "@yunxi/platform";
import { auditRoutes } from "./audit.js";
import { routeTestGateway } from "./route-test-support.js";

describe("audit (evidence) routes", () => {
  const gateway = routeTestGateway((method, request) => {
    if (method === "GetInclusionProof" && (request as { sequence: string }).sequence === "404") throw notFound("entry 404 does not exist");
    if (method === "ExportEvidence") return { bundleJson: '{"format":"yunxi.evidence-bundle.v1"}', entries: 0 };
    return { method };
  });
  const { calls, send } = gateway;
  before(() => gateway.start(auditRoutes));
  after(() => gateway.close());

  it("maps each route to its RPC with the caller's token", async () => {
    const cases: [Parameters<typeof send>, string, unknown][] = [
      [["GET", "/api/v1/evidence/entries?subject=app-1"], "ListEntries", { subject: "app-1", afterSequence: "0", limit: 0 }],
      [["GET", "/api/v1/evidence/entries?subject=app-1&afterSequence=7&limit=20"], "ListEntries", { subject: "app-1", afterSequence: "7", limit: 20 }],
      [["GET", "/api/v1/evidence/checkpoints/latest"], "GetCheckpoint", { fresh: false }],
      [["GET", "/api/v1/evidence/checkpoints/latest?fresh=true"], "GetCheckpoint", { fresh: true }],
      [["GET", "/api/v1/evidence/entries/12/proof"], "GetInclusionProof", { sequence: "12", treeSize: "0" }],
      [["GET", "/api/v1/evidence/entries/12/proof?treeSize=100"], "GetInclusionProof", { sequence: "12", treeSize: "100" }],
      [["POST", "/api/v1/evidence/verify", {}], "VerifyChain", { fromSequence: "0", toSequence: "0" }],
      [["POST", "/api/v1/evidence/verify", { fromSequence: 3, toSequence: 9 }], "VerifyChain", { fromSequence: "3", toSequence: "9" }],
      [["GET", "/api/v1/evidence/public-key"], "GetPublicKey", {}],
      [["GET", "/api/v1/evidence/export?subject=app-1"], "ExportEvidence", { subject: "app-1" }],
    ];
    for (const [args, method, request] of cases) {
      calls.length = 0;
      const response = await send(...args);
      assert.equal(response.statusCode, 200, `${args[0]} ${args[1]}: ${response.body}`);
      assert.deepEqual(calls.map((c) => [c.module, c.method, c.request, c.context.bearerToken]), [["audit", method, request, "tok"]]);
    }
    assert.deepEqual((await send("GET", "/api/v1/evidence/export?subject=app-1")).json(), { format: "yunxi.evidence-bundle.v1" });
  });

  it("refuses malformed input with 400 and field violations, calling nothing", async () => {
    calls.length = 0;
    for (const [method, url, body, field] of [
      ["GET", "/api/v1/evidence/entries", undefined, "subject"],
      ["GET", "/api/v1/evidence/entries?subject=a&limit=abc", undefined, "limit"],
      ["GET", "/api/v1/evidence/entries?subject=a&afterSequence=-1", undefined, "afterSequence"],
      ["GET", "/api/v1/evidence/entries/abc/proof", undefined, "sequence"],
      ["GET", "/api/v1/evidence/entries/1/proof?treeSize=x", undefined, "treeSize"],
      ["GET", "/api/v1/evidence/checkpoints/latest?fresh=yes", undefined, "fresh"],
      ["POST", "/api/v1/evidence/verify", { fromSequence: "1" }, "fromSequence"],
      ["POST", "/api/v1/evidence/verify", { everything: true }, "query"],
      ["GET", "/api/v1/evidence/export", undefined, "subject"],
    ] as const) {
      const response = await send(method, url, body);
      assert.equal(response.statusCode, 400, `${method} ${url}`);
      const error = response.json().error as { kind: string; violations: { field: string }[] };
      assert.equal(error.kind, "InvalidArgument");
      if (field !== "query") assert.ok(error.violations.some((v) => v.field === field), `${url}: ${JSON.stringify(error.violations)}`);
    }
    assert.equal(calls.length, 0);
  });

  it("passes the service's errors through the error table", async () => {
    const response = await send("GET", "/api/v1/evidence/entries/404/proof");
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().error.kind, "NotFound");
  });

  it("documents every route in OpenAPI", () => {
    assert.deepEqual(Object.keys(auditRoutes.openApiPaths).sort(), [
      "/api/v1/evidence/checkpoints/latest",
      "/api/v1/evidence/entries",
      "/api/v1/evidence/entries/{sequence}/proof",
      "/api/v1/evidence/export",
      "/api/v1/evidence/public-key",
      "/api/v1/evidence/verify",
    ]);
    const refs = JSON.stringify(auditRoutes.openApiPaths).match(/#\/components\/schemas\/(\w+)/g) ?? [];
    for (const ref of refs) {
      const name = ref.split("/").pop() as string;
      assert.ok(name === "Error" || name in (auditRoutes.openApiSchemas ?? {}), `schema ${name} is defined`);
    }
  });
});
