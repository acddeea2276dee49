import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { notFound } from "@yunxi/platform";
import { openApiDocument, withRoutes } from "../openapi.js";
import { ocrVerificationRoutes } from "./ocr-verification.js";
import { assertRefusedInput, assertServesDescribedRoutes, routeTestGateway } from "./route-test-support.js";

const APPLICATION = "5b0c6f5e-0000-4000-8000-000000000001";
const VERIFICATION = "5b0c6f5e-0000-4000-8000-000000000002";
const MESSAGE = {
  verificationId: VERIFICATION,
  applicationId: APPLICATION,
  impressionId: "dev-1:3",
  verdict: "VERDICT_MISMATCH",
  finalVerdict: "VERDICT_MISMATCH",
  similarity: 0.93,
  page: 1,
  worstClause: { clause: "第三条 租金8500元", errorRate: 0.2 },
  changedClauses: [{ clause: "第三条 租金8500元", errorRate: 0.2 }],
  digitMismatches: [{ clause: "第三条 租金8500元", expected: "8500", found: "9500" }],
  reasons: ["a number differs"],
  engine: "paddle-ppocrv4",
  thresholdProfile: "default",
  seconds: 2.1,
  createdAt: "2026-03-01T08:00:00.000Z",
  reviews: [],
  mediaId: "7c0c6f5e-0000-4000-8000-000000000003",
  deviceId: "dev-1",
  impressionSequence: "3",
};
const REVIEWED = {
  ...MESSAGE,
  finalVerdict: "VERDICT_MATCH",
  reviews: [{ reviewerId: "keeper-1", decision: "overturn", verdict: "VERDICT_MATCH", note: "seal ink over the 8", at: "2026-03-01T09:00:00.000Z" }],
};
// A verdict from a gRPC VerifyPhoto call: no media, device or sequence.
const DIRECT = { ...MESSAGE, verificationId: "direct", impressionId: "imp-1", mediaId: "", deviceId: "", impressionSequence: "0", worstClause: null, page: 0, verdict: "VERDICT_REVIEW", finalVerdict: "VERDICT_REVIEW" };

describe("ocr-verification routes", () => {
  const gateway = routeTestGateway((method, request) => {
    if (method === "ListOpenVerifications") return { verifications: [MESSAGE] };
    const id = (request as { verificationId?: string; applicationId?: string }).verificationId ?? (request as { applicationId?: string }).applicationId;
    if (id !== VERIFICATION && id !== APPLICATION) throw notFound("no such verification");
    if (method === "ListVerifications") return { verifications: [MESSAGE, DIRECT] };
    if (method === "ReviewVerification") return REVIEWED;
    return MESSAGE;
  });
  const { calls, send } = gateway;

  before(() => gateway.start(ocrVerificationRoutes));
  after(() => gateway.close());

  it("lists an application's verdicts in the REST shape", async () => {
    const response = await send("GET", `/api/v1/applications/${APPLICATION}/verifications`);
    assert.equal(response.statusCode, 200, response.body);
    const [stamped, direct] = response.json().items;
    assert.deepEqual(stamped, {
      id: VERIFICATION,
      applicationId: APPLICATION,
      impressionId: "dev-1:3",
      deviceId: "dev-1",
      sequence: 3,
      mediaId: MESSAGE.mediaId,
      verdict: "mismatch",
      computedVerdict: "mismatch",
      similarity: 0.93,
      page: 1,
      worstClause: { clause: "第三条 租金8500元", errorRate: 0.2 },
      digitMismatches: [{ clause: "第三条 租金8500元", expected: "8500", found: "9500" }],
      reasons: ["a number differs"],
      engine: "paddle-ppocrv4",
      thresholdProfile: "default",
      needsReview: false,
      review: null,
      reviews: [],
      createdAt: "2026-03-01T08:00:00.000Z",
    });
    assert.equal(direct.needsReview, true);
    assert.equal(direct.page, null);
    assert.equal(direct.worstClause, null);
    assert.ok(!("deviceId" in direct) && !("sequence" in direct) && !("mediaId" in direct));
    assert.deepEqual(calls.at(-1), { module: "ocr-verification", method: "ListVerifications", request: { applicationId: APPLICATION }, context: { requestId: "r", bearerToken: "tok" } });
  });

  it("lists the open verdicts (the seal keeper's alarm list) and refuses a missing or unknown state and a bad limit", async () => {
    calls.length = 0;
    const response = await send("GET", "/api/v1/verifications?state=open");
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().items[0].id, VERIFICATION);
    assert.deepEqual(calls.map((c) => [c.method, c.request]), [["ListOpenVerifications", { limit: 100 }]]);
    assert.deepEqual((await send("GET", "/api/v1/verifications?state=open&limit=5")).statusCode, 200);
    assert.deepEqual(calls.at(-1)?.request, { limit: 5 });
    calls.length = 0;
    for (const query of ["", "?state=closed", "?state=open&limit=0", "?state=open&limit=5000", "?state=open&other=1"]) {
      assert.equal((await send("GET", `/api/v1/verifications${query}`)).statusCode, 400, query);
    }
    assert.deepEqual(calls, [], "refused before calling the service");
  });

  it("reads one verdict, and maps the service's NotFound (another organisation) to 404", async () => {
    const response = await send("GET", `/api/v1/verifications/${VERIFICATION}`);
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().id, VERIFICATION);
    assert.deepEqual(calls.at(-1)?.request, { verificationId: VERIFICATION });
    const missing = await send("GET", "/api/v1/verifications/someone-elses");
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.kind, "NotFound");
    assert.equal((await send("GET", "/api/v1/applications/someone-elses/verifications")).statusCode, 404);
  });

  it("passes a review to the service and returns the verdict that now stands", async () => {
    const response = await send("POST", `/api/v1/verifications/${VERIFICATION}/review`, { decision: "overturn", verdict: "match", note: "seal ink over the 8" });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(calls.at(-1)?.request, { verificationId: VERIFICATION, decision: "overturn", verdict: "VERDICT_MATCH", note: "seal ink over the 8" });
    const body = response.json();
    assert.equal(body.verdict, "match");
    assert.equal(body.computedVerdict, "mismatch");
    assert.deepEqual(body.review, { reviewerId: "keeper-1", decision: "overturn", verdict: "match", note: "seal ink over the 8", at: "2026-03-01T09:00:00.000Z" });
    await send("POST", `/api/v1/verifications/${VERIFICATION}/review`, { decision: "confirm" });
    assert.deepEqual(calls.at(-1)?.request, { verificationId: VERIFICATION, decision: "confirm", verdict: "VERDICT_UNSPECIFIED", note: "" });
  });

  it("refuses malformed review bodies before calling the service", async () => {
    calls.length = 0;
    assertRefusedInput(await send("POST", `/api/v1/verifications/${VERIFICATION}/review`, { decision: "maybe" }), "decision", "unknown decision");
    assertRefusedInput(await send("POST", `/api/v1/verifications/${VERIFICATION}/review`, { decision: "overturn", verdict: "fine" }), "verdict", "unknown verdict");
    assertRefusedInput(await send("POST", `/api/v1/verifications/${VERIFICATION}/review`, { decision: "confirm", extra: 1 }), "body", "unknown field");
    assert.equal(calls.length, 0);
  });

  it("describes every route in the OpenAPI document, and serves what it describes", () => {
    const document = withRoutes(openApiDocument, [ocrVerificationRoutes]) as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    for (const [path, method] of [["/api/v1/applications/{id}/verifications", "get"], ["/api/v1/verifications/{id}", "get"], ["/api/v1/verifications/{id}/review", "post"]] as const) {
      assert.ok(document.paths[path]?.[method], `${method} ${path}`);
    }
    assert.ok(document.components.schemas["Verification"]);
    assertServesDescribedRoutes(gateway.app, ocrVerificationRoutes);
  });
});
