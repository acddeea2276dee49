import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { grpcService, parseRequest, type GatewayDeps, type GatewayRoutes } from "./route-module.js";

const MODULE = "device-control";

const deviceControlService = grpcService("yunxi/device_control/v1/device_control.proto", "yunxi.device_control.v1.DeviceControlService");

const deviceParams = z.strictObject({ deviceId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be a device id") });
const createBody = z.strictObject({ serial: z.string(), model: z.string() });
const authoriseBody = z.strictObject({
  applicationId: z.string(),
  userId: z.string(),
  impressions: z.number().int().min(0).max(4_294_967_295),
  ttlSeconds: z.number().int().min(0).max(4_294_967_295),
});

const json = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });
const ERROR_TEXT: Record<string, string> = {
  "400": "invalid input (violations name the fields)",
  "401": "no or invalid access token",
  "403": "missing permission (device.manage or records.read)",
  "404": "no such device in the caller's organisation",
  "409": "a device with this serial exists",
  "412": "the device is revoked",
};
const errors = (...codes: string[]) => Object.fromEntries(codes.map((code) => [code, { description: ERROR_TEXT[code] ?? "error", content: json("Error") }]));
const common = { tags: ["devices"] };
const deviceIdParam = { name: "deviceId", in: "path", required: true, schema: { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" } };
const str = { type: "string" };

/** REST routes of device-control: provisioning, authorisations, records. Everything acts in the token's organisation. */
export const deviceControlRoutes: GatewayRoutes = {
  name: MODULE,
  register(app, deps: GatewayDeps) {
    const call = <Res>(request: FastifyRequest, method: string, body: unknown) => deps.call<Res>(MODULE, deviceControlService(), method, body, deps.callContext(request));

    app.post("/api/v1/devices", async (request, reply) => {
      const body = parseRequest(createBody, request.body, "body");
      return reply.status(201).send(await call(request, "CreateDevice", body));
    });
    app.get("/api/v1/devices", async (request) => call(request, "ListDevices", {}));
    app.get("/api/v1/devices/command-key", async (request) => call(request, "GetCommandKey", {}));
    app.get("/api/v1/devices/:deviceId", async (request) => call(request, "GetDevice", parseRequest(deviceParams, request.params, "path")));
    app.post("/api/v1/devices/:deviceId/revoke", async (request) => call(request, "RevokeDevice", parseRequest(deviceParams, request.params, "path")));
    app.post("/api/v1/devices/:deviceId/authorisations", async (request, reply) => {
      const { deviceId } = parseRequest(deviceParams, request.params, "path");
      const body = parseRequest(authoriseBody, request.body, "body");
      return reply.status(201).send(await call(request, "IssueAuthorisation", { deviceId, ...body }));
    });
    app.get("/api/v1/devices/:deviceId/records", async (request) => call(request, "ListDeviceRecords", parseRequest(deviceParams, request.params, "path")));
  },
  openApiPaths: {
    "/api/v1/devices": {
      post: {
        ...common,
        operationId: "createDevice",
        summary: "Provision a smart seal: returns its MQTT secret (once), the broker URL and the platform's command key",
        requestBody: { required: true, content: json("CreateDeviceRequest") },
        responses: { "201": { description: "the device and its one-time secret", content: json("ProvisionedDevice") }, ...errors("400", "401", "403", "409") },
      },
      get: {
        ...common,
        operationId: "listDevices",
        summary: "Devices of the caller's organisation",
        responses: { "200": { description: "devices", content: { "application/json": { schema: { type: "object", properties: { devices: { type: "array", items: { $ref: "#/components/schemas/Device" } } } } } } }, ...errors("401", "403") },
      },
    },
    "/api/v1/devices/command-key": {
      get: {
        ...common,
        operationId: "getCommandKey",
        summary: "The Ed25519 public key devices verify commands with",
        responses: { "200": { description: "the key", content: json("CommandKey") }, ...errors("401") },
      },
    },
    "/api/v1/devices/{deviceId}": {
      get: { ...common, operationId: "getDevice", summary: "One device", parameters: [deviceIdParam], responses: { "200": { description: "the device", content: json("Device") }, ...errors("400", "401", "403", "404") } },
    },
    "/api/v1/devices/{deviceId}/revoke": {
      post: {
        ...common,
        operationId: "revokeDevice",
        summary: "Remove the device's broker credential and disconnect it",
        parameters: [deviceIdParam],
        responses: { "200": { description: "the revoked device", content: json("Device") }, ...errors("400", "401", "403", "404") },
      },
    },
    "/api/v1/devices/{deviceId}/authorisations": {
      post: {
        ...common,
        operationId: "issueAuthorisation",
        summary: "Sign and queue an Authorise command (admin/internal until approval drives it)",
        parameters: [deviceIdParam],
        requestBody: { required: true, content: json("IssueAuthorisationRequest") },
        responses: { "201": { description: "the authorisation, command pending until the device acknowledges", content: json("Authorisation") }, ...errors("400", "401", "403", "404", "412") },
      },
    },
    "/api/v1/devices/{deviceId}/records": {
      get: {
        ...common,
        operationId: "listDeviceRecords",
        summary: "Impressions, alarms, lock reports and sequence gaps of one device",
        parameters: [deviceIdParam],
        responses: { "200": { description: "records in sequence order", content: json("DeviceRecords") }, ...errors("400", "401", "403", "404") },
      },
    },
  },
  openApiSchemas: {
    CreateDeviceRequest: { type: "object", additionalProperties: false, required: ["serial", "model"], properties: { serial: str, model: str } },
    IssueAuthorisationRequest: {
      type: "object",
      additionalProperties: false,
      required: ["applicationId", "userId", "impressions", "ttlSeconds"],
      properties: { applicationId: str, userId: str, impressions: { type: "integer", minimum: 1 }, ttlSeconds: { type: "integer", minimum: 1, maximum: 604800 } },
    },
    Device: {
      type: "object",
      properties: { id: str, organisationId: str, serial: str, model: str, status: { enum: ["active", "revoked"] }, locked: { type: "boolean" }, lastSequence: str, createdAt: str, lastSeenAt: str },
    },
    CommandKey: { type: "object", properties: { publicKey: { type: "string", description: "raw 32-byte Ed25519 key, base64" }, publicKeyPem: str, keyId: str } },
    ProvisionedDevice: {
      type: "object",
      properties: { device: { $ref: "#/components/schemas/Device" }, secret: { type: "string", description: "MQTT password; shown once" }, brokerUrl: str, commandKey: { $ref: "#/components/schemas/CommandKey" } },
    },
    Authorisation: {
      type: "object",
      properties: { id: str, deviceId: str, applicationId: str, userId: str, impressions: { type: "integer" }, remaining: { type: "integer" }, expiresAt: str, commandStatus: { enum: ["pending", "accepted", "duplicate", "refused", "expired"] } },
    },
    DeviceRecords: {
      type: "object",
      properties: {
        impressions: { type: "array", items: { type: "object", properties: { sequence: str, deviceTime: str, receivedAt: str, authorisationId: str, applicationId: str, userId: str, photoRef: str, authorised: { type: "boolean" } } } },
        alarms: { type: "array", items: { type: "object", properties: { sequence: str, kind: str, detail: str, deviceTime: str } } },
        locks: { type: "array", items: { type: "object", properties: { sequence: str, reason: str, deviceTime: str } } },
        gaps: { type: "array", items: { type: "object", properties: { fromSequence: str, toSequence: str, detectedAt: str } } },
      },
    },
  },
};
