import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { httpStatusOf, kindOf, notFound, publicMessage, YunxiError, type CallContext } from "@yunxi/platform";
import Fastify, { type FastifyInstance } from "fastify";
import { deviceControlRoutes } from "./device-control.js";
import type { GatewayDeps } from "./route-module.js";

describe("device-control routes", () => {
  let app: FastifyInstance;
  const calls: { module: string; method: string; request: unknown; context: CallContext }[] = [];

  before(async () => {
    app = Fastify();
    app.setErrorHandler((error: unknown, _request, reply) => {
      const status = error instanceof YunxiError ? httpStatusOf(error) : ((error as { statusCode?: number }).statusCode ?? 500);
      void reply.status(status).send({ error: { kind: kindOf(error), message: publicMessage(error), ...(error instanceof YunxiError && error.violations.length ? { violations: error.violations } : {}) } });
    });
    const deps = {
      callContext: (request) => ({ requestId: "r", bearerToken: /^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1] ?? "" }),
      call: async <Res>(module: string, _service: unknown, method: string, request: unknown, context: CallContext) => {
        calls.push({ module, method, request, context });
        if ((request as { deviceId?: string }).deviceId === "missing") throw notFound("device missing not found");
        return { method } as Res;
      },
    } as Partial<GatewayDeps> as GatewayDeps;
    await deviceControlRoutes.register(app, deps);
    await app.ready();
  });
  after(() => app.close());

  const send = (method: "GET" | "POST", url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { authorization: "Bearer tok" }, ...(payload === undefined ? {} : { payload: payload as object }) });

  it("maps each route to its RPC with the caller's token", async () => {
    const cases: [Parameters<typeof send>, number, string, unknown][] = [
      [["POST", "/api/v1/devices", { serial: "SN-1", model: "S1" }], 201, "CreateDevice", { serial: "SN-1", model: "S1" }],
      [["GET", "/api/v1/devices"], 200, "ListDevices", {}],
      [["GET", "/api/v1/devices/command-key"], 200, "GetCommandKey", {}],
      [["GET", "/api/v1/devices/dev-1"], 200, "GetDevice", { deviceId: "dev-1" }],
      [["POST", "/api/v1/devices/dev-1/revoke"], 200, "RevokeDevice", { deviceId: "dev-1" }],
      [["POST", "/api/v1/devices/dev-1/authorisations", { applicationId: "a", userId: "u", impressions: 3, ttlSeconds: 60 }], 201, "IssueAuthorisation", { deviceId: "dev-1", applicationId: "a", userId: "u", impressions: 3, ttlSeconds: 60 }],
      [["GET", "/api/v1/devices/dev-1/records"], 200, "ListDeviceRecords", { deviceId: "dev-1" }],
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
  });

  it("describes every route in OpenAPI", () => {
    for (const path of ["/api/v1/devices", "/api/v1/devices/{deviceId}", "/api/v1/devices/{deviceId}/authorisations", "/api/v1/devices/{deviceId}/records", "/api/v1/devices/{deviceId}/revoke", "/api/v1/devices/command-key"]) {
      assert.ok(deviceControlRoutes.openApiPaths[path], path);
    }
  });
});
