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
// Checked here as well as in the service: gRPC would read a malformed number as 0 (the default).
const alarmsQuery = z.strictObject({
  state: z.enum(["open", "all"]).optional(),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, "must be an integer from 1 to 1000")
    .refine((v) => Number(v) >= 1 && Number(v) <= 1000, "must be an integer from 1 to 1000")
    .optional(),
  before: z.string().regex(/^[1-9]\d{0,18}$/, "must be a cursor returned as nextBefore").optional(),
});
const alarmParams = z.strictObject({ alarmId: z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, "must be an alarm id") });
const acknowledgeBody = z.strictObject({ note: z.string().max(1000, "at most 1000 characters").optional() });

const json = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });
const ERROR_TEXT: Record<string, string> = {
  "400": "invalid input (violations name the fields)",
  "401": "no or invalid access token",
  "403": "missing permission (device.manage or records.read; device alarms: device.keep or records.read to list, device.keep to acknowledge)",
  "404": "no such device (or alarm) in the caller's organisation",
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
    app.get("/api/v1/device-alarms", async (request) => {
      const q = parseRequest(alarmsQuery, request.query, "query");
      return call(request, "ListAlarms", { state: q.state ?? "open", limit: Number(q.limit ?? "0"), before: q.before ?? "" });
    });
    app.post("/api/v1/device-alarms/:alarmId/acknowledge", async (request) => {
      const { alarmId } = parseRequest(alarmParams, request.params, "path");
      const { note } = parseRequest(acknowledgeBody, request.body ?? {}, "body");
      return call(request, "AcknowledgeAlarm", { alarmId, note: note ?? "" });
    });
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
    "/api/v1/device-alarms": {
      get: {
        tags: ["device alarms"],
        operationId: "listDeviceAlarms",
        summary: "The organisation's device alarms across devices, newest first (open ones by default)",
        parameters: [
          { name: "state", in: "query", required: false, description: "open (default: not yet acknowledged) or all", schema: { enum: ["open", "all"] } },
          { name: "limit", in: "query", required: false, description: "at most this many (default 100, 1..1000)", schema: { type: "string", pattern: "^\\d{1,4}$" } },
          { name: "before", in: "query", required: false, description: "paging: nextBefore of the previous page", schema: { type: "string", pattern: "^[1-9]\\d{0,18}$" } },
        ],
        responses: { "200": { description: "alarms, newest first", content: json("DeviceAlarmPage") }, ...errors("400", "401", "403") },
      },
    },
    "/api/v1/device-alarms/{alarmId}/acknowledge": {
      post: {
        tags: ["device alarms"],
        operationId: "acknowledgeDeviceAlarm",
        summary: "Mark an alarm as handled (who, when, note; recorded in the evidence ledger). A second acknowledgement returns the first",
        parameters: [{ name: "alarmId", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        requestBody: { required: false, content: json("AcknowledgeDeviceAlarmRequest") },
        responses: { "200": { description: "the alarm with its (first) acknowledgement", content: json("DeviceAlarm") }, ...errors("400", "401", "403", "404") },
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
    DeviceAlarm: {
      type: "object",
      properties: {
        id: str,
        deviceId: str,
        kind: { type: "string", description: "tamper, press_timeout, unauthorised_attempt, low_battery, authorisation_refused, ..." },
        detail: str,
        sequence: { type: "string", description: "device event sequence; 0 when the platform raised it" },
        deviceTime: str,
        raisedAt: str,
        acknowledged: {
          description: "null while nobody has handled it",
          oneOf: [{ type: "null" }, { type: "object", properties: { by: { type: "string", description: "user id" }, at: str, note: str } }],
        },
      },
    },
    DeviceAlarmPage: {
      type: "object",
      properties: { alarms: { type: "array", items: { $ref: "#/components/schemas/DeviceAlarm" } }, nextBefore: { type: "string", description: "pass as before for older alarms; empty on the last page" } },
    },
    AcknowledgeDeviceAlarmRequest: { type: "object", additionalProperties: false, properties: { note: { type: "string", maxLength: 1000 } } },
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
