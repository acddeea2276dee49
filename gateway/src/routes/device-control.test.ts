import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { notFound } from "@yunxi/platform";
import { deviceControlRoutes } from "./device-control.js";
import { routeTestGateway } from "./route-test-support.js";

const ALARM = "0b8f2f7e-6c1a-4c55-9b9e-2f1d3a4b5c6d";
const FOREIGN_ALARM = "1c9f3f8e-7d2b-4d66-8c8f-3e2e4b5c6d7e";

describe("device-control routes", () => {
  const gateway = routeTestGateway((method, request) => {
    if ((request as { deviceId?: string }).deviceId === "missing") throw notFound("device missing not found");
    if ((request as { alarmId?: string }).alarmId === FOREIGN_ALARM) throw notFound("alarm not found");
    return { method };
  });
  const { calls, send } = gateway;
  before(() => gateway.start(deviceControlRoutes));
  after(() => gateway.close());

  it("maps each route to its RPC with the caller's token", async () => {
    const cases: [Parameters<typeof send>, number, string, unknown][] = [
      [["POST", "/api/v1/devices", { serial: "SN-1", model: "S1" }], 201, "CreateDevice", { serial: "SN-1", model: "S1" }],
      [["GET", "/api/v1/devices"], 200, "ListDevices", {}],
      [["GET", "/api/v1/devices/command-key"], 200, "GetCommandKey", {}],
      [["GET", "/api/v1/devices/dev-1"], 200, "GetDevice", { deviceId: "dev-1" }],
      [["POST", "/api/v1/devices/dev-1/revoke"], 200, "RevokeDevice", { deviceId: "dev-1" }],
      [["POST", "/api/v1/devices/dev-1/authorisations", { applicationId: "a", userId: "u", impressions: 3, ttlSeconds: 60 }], 201, "IssueAuthorisation", { deviceId: "dev-1", applicationId: "a", userId: "u", impressions: 3, ttlSeconds: 60 }],
      [["GET", "/api/v1/devices/dev-1/records"], 200, "ListDeviceRecords", { deviceId: "dev-1" }],
      [["GET", "/api/v1/device-alarms"], 200, "ListAlarms", { state: "open", limit: 0, before: "" }],
      [["GET", "/api/v1/device-alarms?state=all&limit=1000&before=42"], 200, "ListAlarms", { state: "all", limit: 1000, before: "42" }],
      [["POST", `/api/v1/device-alarms/${ALARM}/acknowledge`, { note: "resealed" }], 200, "AcknowledgeAlarm", { alarmId: ALARM, note: "resealed" }],
      [["POST", `/api/v1/device-alarms/${ALARM}/acknowledge`], 200, "AcknowledgeAlarm", { alarmId: ALARM, note: "" }],
    ];
    for (const [args, status, method, request] of cases) {
      calls.length = 0;
      const response = await send(...args);
      assert.equal(response.statusCode, status, `${args[0]} ${args[1]}: ${response.body}`);
      assert.deepEqual(calls.map((c) => [c.module, c.method, c.request, c.context.bearerToken]), [["device-control", method, request, "tok"]]);
    }
  });

  it("refuses malformed input with 400 and field violations, calling nothing; maps service errors", async () => {
    calls.length = 0;
    for (const [method, url, body, field] of [
      ["POST", "/api/v1/devices", { serial: 5, model: "S1" }, "serial"],
      ["POST", "/api/v1/devices", { serial: "s", model: "m", extra: 1 }, "body"],
      ["POST", "/api/v1/devices/dev-1/authorisations", { applicationId: "a", userId: "u", impressions: "3", ttlSeconds: 60 }, "impressions"],
      ["GET", "/api/v1/devices/bad.id", undefined, "deviceId"],
      ["GET", "/api/v1/device-alarms?state=closed", undefined, "state"],
      ["GET", "/api/v1/device-alarms?limit=0", undefined, "limit"],
      ["GET", "/api/v1/device-alarms?limit=1001", undefined, "limit"],
      ["GET", "/api/v1/device-alarms?before=abc", undefined, "before"],
      ["GET", "/api/v1/device-alarms?colour=red", undefined, "query"],
      ["POST", "/api/v1/device-alarms/not-an-id/acknowledge", { note: "x" }, "alarmId"],
      ["POST", `/api/v1/device-alarms/${ALARM}/acknowledge`, { note: "x".repeat(1001) }, "note"],
      ["POST", `/api/v1/device-alarms/${ALARM}/acknowledge`, { note: 5 }, "note"],
    ] as const) {
      const response = await send(method, url, body);
      assert.equal(response.statusCode, 400, `${url}: ${response.body}`);
      const violations = (response.json() as { error: { violations: { field: string }[] } }).error.violations;
      assert.ok(violations.some((v) => v.field === field), `${url}: ${JSON.stringify(violations)}`);
    }
    assert.equal(calls.length, 0);
    const missing = await send("GET", "/api/v1/devices/missing");
    assert.equal(missing.statusCode, 404);
    assert.equal((missing.json() as { error: { kind: string } }).error.kind, "NotFound");
    const foreign = await send("POST", `/api/v1/device-alarms/${FOREIGN_ALARM}/acknowledge`, { note: "not ours" });
    assert.equal(foreign.statusCode, 404, foreign.body);
  });

  it("describes every route in OpenAPI", () => {
    for (const path of ["/api/v1/devices", "/api/v1/devices/{deviceId}", "/api/v1/devices/{deviceId}/authorisations", "/api/v1/devices/{deviceId}/records", "/api/v1/devices/{deviceId}/revoke", "/api/v1/devices/command-key", "/api/v1/device-alarms", "/api/v1/device-alarms/{alarmId}/acknowledge"]) {
      assert.ok(deviceControlRoutes.openApiPaths[path], path);
    }
  });
});
