import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { grpcService, parseRequest, pathParam, type GatewayDeps, type GatewayRoutes } from "./route-module.js";

const MODULE = "organisation";

const organisationService = grpcService("yunxi/organisation/v1/organisation.proto", "yunxi.organisation.v1.OrganisationService");

const updateOrganisationBody = z.strictObject({ name: z.string().optional(), description: z.string().optional() });
const createDepartmentBody = z.strictObject({ name: z.string(), sortOrder: z.number().int().optional() });
const renameDepartmentBody = z.strictObject({ name: z.string().optional(), sortOrder: z.number().int().optional() });
const setRolesBody = z.strictObject({ roles: z.array(z.string()), departmentId: z.string().nullable().optional() });
const createChannelBody = z.strictObject({ kind: z.string(), name: z.string(), url: z.string(), secret: z.string().optional() });
const updateChannelBody = z.strictObject({ name: z.string().optional(), url: z.string().optional(), secret: z.string().optional(), enabled: z.boolean().optional() });
const deliveriesQuery = z.strictObject({ state: z.string().optional(), limit: z.coerce.number().int().optional() });

const json = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });
const errors = (...codes: string[]) => Object.fromEntries(codes.map((code) => [code, { description: ERROR_TEXT[code] ?? "error", content: json("Error") }]));
const ERROR_TEXT: Record<string, string> = {
  "400": "invalid input (violations name the fields)",
  "401": "no or invalid access token",
  "403": "missing permission",
  "404": "not found in the caller's organisation",
  "409": "name already taken",
  "412": "the change would leave the organisation without an administrator",
};
const channelIdParameter = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const common = { tags: ["organisation"] };
const alarms = { tags: ["alarms"] };

/** REST routes of the organisation service; every call acts in the organisation of the caller's token. */
export const organisationRoutes: GatewayRoutes = {
  name: MODULE,
  register(app, deps: GatewayDeps) {
    const call = <Res>(request: FastifyRequest, method: string, body: unknown) => deps.call<Res>(MODULE, organisationService(), method, body, deps.callContext(request));

    app.get("/api/v1/organisation", async (request) => call(request, "GetOrganisation", {}));
    app.patch("/api/v1/organisation", async (request) => call(request, "UpdateOrganisation", parseRequest(updateOrganisationBody, request.body)));
    app.get("/api/v1/organisation/departments", async (request) => call(request, "ListDepartments", {}));
    app.post("/api/v1/organisation/departments", async (request, reply) => {
      const body = parseRequest(createDepartmentBody, request.body);
      const created = await call(request, "CreateDepartment", { name: body.name, sortOrder: body.sortOrder ?? 0 });
      return reply.status(201).send(created);
    });
    app.patch("/api/v1/organisation/departments/:id", async (request) => call(request, "RenameDepartment", { id: pathParam(request, "id"), ...parseRequest(renameDepartmentBody, request.body) }));
    app.get("/api/v1/organisation/members", async (request) => call(request, "ListMembers", {}));
    app.put("/api/v1/organisation/members/:userId/roles", async (request) => {
      const body = parseRequest(setRolesBody, request.body);
      return call(request, "SetMemberRoles", {
        userId: pathParam(request, "userId"),
        roles: body.roles,
        ...(body.departmentId === undefined ? {} : { departmentId: body.departmentId ?? "" }),
      });
    });

    app.get("/api/v1/organisation/notification-channels", async (request) => call(request, "ListNotificationChannels", {}));
    app.post("/api/v1/organisation/notification-channels", async (request, reply) => {
      const body = parseRequest(createChannelBody, request.body);
      return reply.status(201).send(await call(request, "CreateNotificationChannel", { kind: body.kind, name: body.name, url: body.url, secret: body.secret ?? "" }));
    });
    app.patch("/api/v1/organisation/notification-channels/:id", async (request) =>
      call(request, "UpdateNotificationChannel", { id: pathParam(request, "id"), ...parseRequest(updateChannelBody, request.body) }),
    );
    app.delete("/api/v1/organisation/notification-channels/:id", async (request, reply) => {
      await call(request, "DeleteNotificationChannel", { id: pathParam(request, "id") });
      return reply.status(204).send();
    });
    app.post("/api/v1/organisation/notification-channels/:id/test", async (request) => call(request, "TestNotificationChannel", { id: pathParam(request, "id") }));
    app.get("/api/v1/organisation/alarm-deliveries", async (request) => {
      const query = parseRequest(deliveriesQuery, request.query, "query");
      return call(request, "ListAlarmDeliveries", { state: query.state ?? "", limit: query.limit ?? 0 });
    });
  },
  openApiPaths: {
    "/api/v1/organisation": {
      get: { ...common, operationId: "getOrganisation", summary: "The caller's organisation", responses: { "200": { description: "the organisation", content: json("Organisation") }, ...errors("401", "403", "404") } },
      patch: {
        ...common,
        operationId: "updateOrganisation",
        summary: "Change name and/or description (organisation.manage)",
        requestBody: { required: true, content: json("OrganisationUpdate") },
        responses: { "200": { description: "the updated organisation", content: json("Organisation") }, ...errors("400", "401", "403", "404") },
      },
    },
    "/api/v1/organisation/departments": {
      get: { ...common, operationId: "listDepartments", summary: "Departments, by sort order then name", responses: { "200": { description: "departments", content: json("OrganisationDepartmentList") }, ...errors("401", "403", "404") } },
      post: {
        ...common,
        operationId: "createDepartment",
        summary: "Create a department (organisation.manage)",
        requestBody: { required: true, content: json("OrganisationDepartmentCreate") },
        responses: { "201": { description: "the department", content: json("OrganisationDepartment") }, ...errors("400", "401", "403", "404", "409") },
      },
    },
    "/api/v1/organisation/departments/{id}": {
      patch: {
        ...common,
        operationId: "renameDepartment",
        summary: "Rename a department and/or change its sort order (organisation.manage)",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        requestBody: { required: true, content: json("OrganisationDepartmentUpdate") },
        responses: { "200": { description: "the department", content: json("OrganisationDepartment") }, ...errors("400", "401", "403", "404", "409") },
      },
    },
    "/api/v1/organisation/members": {
      get: { ...common, operationId: "listMembers", summary: "Members and their roles (people.manage or records.read)", responses: { "200": { description: "members", content: json("OrganisationMemberList") }, ...errors("401", "403", "404") } },
    },
    "/api/v1/organisation/members/{userId}/roles": {
      put: {
        ...common,
        operationId: "setMemberRoles",
        summary: "Replace a member's roles, optionally its department (people.manage)",
        parameters: [{ name: "userId", in: "path", required: true, schema: { type: "string" } }],
        requestBody: { required: true, content: json("OrganisationMemberRoles") },
        responses: { "200": { description: "the membership", content: json("OrganisationMember") }, ...errors("400", "401", "403", "404", "412") },
      },
    },
    "/api/v1/organisation/notification-channels": {
      get: {
        ...alarms,
        operationId: "listNotificationChannels",
        summary: "Where alarms are sent (organisation.manage); URLs masked, secrets never returned",
        responses: { "200": { description: "channels, oldest first", content: json("NotificationChannelList") }, ...errors("401", "403", "404") },
      },
      post: {
        ...alarms,
        operationId: "createNotificationChannel",
        summary: "Add a webhook, WeCom or DingTalk channel (organisation.manage)",
        requestBody: { required: true, content: json("NotificationChannelCreate") },
        responses: { "201": { description: "the channel", content: json("NotificationChannel") }, ...errors("400", "401", "403", "404") },
      },
    },
    "/api/v1/organisation/notification-channels/{id}": {
      patch: {
        ...alarms,
        operationId: "updateNotificationChannel",
        summary: "Change a channel's name, URL, secret or enabled (organisation.manage)",
        parameters: [channelIdParameter],
        requestBody: { required: true, content: json("NotificationChannelUpdate") },
        responses: { "200": { description: "the channel", content: json("NotificationChannel") }, ...errors("400", "401", "403", "404") },
      },
      delete: {
        ...alarms,
        operationId: "deleteNotificationChannel",
        summary: "Remove a channel and its delivery history (organisation.manage)",
        parameters: [channelIdParameter],
        responses: { "204": { description: "removed" }, ...errors("400", "401", "403", "404") },
      },
    },
    "/api/v1/organisation/notification-channels/{id}/test": {
      post: {
        ...alarms,
        operationId: "testNotificationChannel",
        summary: "Send a test message now and report the receiver's answer (organisation.manage)",
        parameters: [channelIdParameter],
        responses: { "200": { description: "what the receiver answered", content: json("NotificationChannelTestResult") }, ...errors("400", "401", "403", "404") },
      },
    },
    "/api/v1/organisation/alarm-deliveries": {
      get: {
        ...alarms,
        operationId: "listAlarmDeliveries",
        summary: "Alarms sent to the channels: delivered, retrying or failed, newest first (organisation.manage or device.keep)",
        parameters: [
          { name: "state", in: "query", required: false, schema: { enum: ["pending", "delivered", "failed"] } },
          { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 0, maximum: 500, description: "0 or absent: 100" } },
        ],
        responses: { "200": { description: "deliveries", content: json("AlarmDeliveryList") }, ...errors("400", "401", "403", "404") },
      },
    },
  },
  openApiSchemas: {
    Organisation: {
      type: "object",
      required: ["id", "name", "code", "description", "createdAt"],
      properties: {
        id: { type: "string", format: "uuid" },
        name: { type: "string" },
        code: { type: "string", pattern: "^[A-Za-z0-9()_-]{3,32}$", description: "unique ignoring case" },
        description: { type: "string" },
        createdAt: { type: "string", format: "date-time" },
      },
    },
    OrganisationUpdate: { type: "object", additionalProperties: false, properties: { name: { type: "string", minLength: 1, maxLength: 100 }, description: { type: "string", maxLength: 1000 } } },
    OrganisationDepartment: {
      type: "object",
      required: ["id", "organisationId", "name", "sortOrder", "createdAt"],
      properties: { id: { type: "string", format: "uuid" }, organisationId: { type: "string", format: "uuid" }, name: { type: "string" }, sortOrder: { type: "integer" }, createdAt: { type: "string", format: "date-time" } },
    },
    OrganisationDepartmentList: { type: "object", required: ["departments"], properties: { departments: { type: "array", items: { $ref: "#/components/schemas/OrganisationDepartment" } } } },
    OrganisationDepartmentCreate: { type: "object", additionalProperties: false, required: ["name"], properties: { name: { type: "string", minLength: 1, maxLength: 100 }, sortOrder: { type: "integer" } } },
    OrganisationDepartmentUpdate: { type: "object", additionalProperties: false, properties: { name: { type: "string", minLength: 1, maxLength: 100 }, sortOrder: { type: "integer" } } },
    OrganisationMember: {
      type: "object",
      required: ["userId", "organisationId", "departmentId", "roles", "displayName", "joinedAt"],
      properties: {
        userId: { type: "string" },
        organisationId: { type: "string", format: "uuid" },
        organisationCode: { type: "string" },
        organisationName: { type: "string" },
        departmentId: { type: "string", description: "empty when in no department" },
        roles: { type: "array", items: { enum: ["administrator", "seal_keeper", "approver", "auditor", "it_officer", "member"] } },
        displayName: { type: "string" },
        joinedAt: { type: "string", format: "date-time" },
      },
    },
    OrganisationMemberList: { type: "object", required: ["members"], properties: { members: { type: "array", items: { $ref: "#/components/schemas/OrganisationMember" } } } },
    OrganisationMemberRoles: {
      type: "object",
      additionalProperties: false,
      required: ["roles"],
      properties: {
        roles: { type: "array", minItems: 1, items: { enum: ["administrator", "seal_keeper", "approver", "auditor", "it_officer", "member"] } },
        departmentId: { type: ["string", "null"], description: "absent: unchanged; null or empty: no department" },
      },
    },
    NotificationChannel: {
      type: "object",
      required: ["id", "kind", "name", "urlHint", "hasSecret", "enabled", "createdAt"],
      properties: {
        id: { type: "string", format: "uuid" },
        kind: { enum: ["webhook", "wecom", "dingtalk"] },
        name: { type: "string" },
        urlHint: { type: "string", description: "the URL with query values and token-like path segments masked" },
        hasSecret: { type: "boolean" },
        enabled: { type: "boolean" },
        createdAt: { type: "string", format: "date-time" },
      },
    },
    NotificationChannelList: { type: "object", required: ["channels"], properties: { channels: { type: "array", items: { $ref: "#/components/schemas/NotificationChannel" } } } },
    NotificationChannelCreate: {
      type: "object",
      additionalProperties: false,
      required: ["kind", "name", "url"],
      properties: {
        kind: { enum: ["webhook", "wecom", "dingtalk"] },
        name: { type: "string", minLength: 1, maxLength: 100 },
        url: { type: "string", format: "uri", maxLength: 2000, description: "http or https; for robots the webhook URL with its key" },
        secret: { type: "string", maxLength: 200, description: "webhook: required, 16-200 characters; dingtalk: optional signing secret; wecom: none" },
      },
    },
    NotificationChannelUpdate: {
      type: "object",
      additionalProperties: false,
      properties: { name: { type: "string", minLength: 1, maxLength: 100 }, url: { type: "string", format: "uri", maxLength: 2000 }, secret: { type: "string", maxLength: 200 }, enabled: { type: "boolean" } },
    },
    NotificationChannelTestResult: {
      type: "object",
      required: ["delivered", "status", "error"],
      properties: { delivered: { type: "boolean" }, status: { type: "integer", description: "HTTP status; 0 when no answer came" }, error: { type: "string" } },
    },
    AlarmDelivery: {
      type: "object",
      required: ["id", "channelId", "eventId", "source", "kind", "occurredAt", "state", "attempts", "nextAttemptAt", "lastError", "lastStatus", "createdAt", "deliveredAt"],
      properties: {
        id: { type: "string", format: "uuid" },
        channelId: { type: "string", format: "uuid" },
        eventId: { type: "string" },
        source: { enum: ["device", "verification"] },
        kind: { type: "string", description: "device alarm kind or OCR verdict (mismatch, blank)" },
        deviceId: { type: "string" },
        applicationId: { type: "string" },
        verificationId: { type: "string" },
        occurredAt: { type: "string", format: "date-time" },
        state: { enum: ["pending", "delivered", "failed"] },
        attempts: { type: "integer" },
        nextAttemptAt: { type: "string", format: "date-time" },
        lastError: { type: "string" },
        lastStatus: { type: "integer" },
        createdAt: { type: "string", format: "date-time" },
        deliveredAt: { type: "string", description: "date-time; empty until delivered" },
      },
    },
    AlarmDeliveryList: { type: "object", required: ["deliveries"], properties: { deliveries: { type: "array", items: { $ref: "#/components/schemas/AlarmDelivery" } } } },
  },
};
