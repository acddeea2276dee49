import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { grpcService, parseRequest, pathParam, type GatewayDeps, type GatewayRoutes } from "./route-module.js";

const MODULE = "approval";

const approvalService = grpcService("yunxi/approval/v1/approval.proto", "yunxi.approval.v1.ApprovalService");

// Whole non-negative numbers only: protobuf would silently truncate 1.5 or wrap -1 into a uint32.
const count = z.number().int().nonnegative().max(0xffffffff);
const createSealBody = z.strictObject({
  name: z.string(),
  physical: z.strictObject({ sealType: z.string(), sizeMm: count, material: z.string() }).optional(),
  electronic: z.strictObject({ imageObjectKey: z.string(), certificateRef: z.string() }).optional(),
});
const bindDeviceBody = z.strictObject({ deviceId: z.string().nullable() });
const createApplicationBody = z.strictObject({
  sealId: z.string(),
  title: z.string(),
  description: z.string().optional(),
  documents: z.array(z.strictObject({ objectKey: z.string(), sha256: z.string(), contentType: z.string() })),
  impressionCount: count,
});
const actionBody = z.strictObject({ expectedVersion: count.optional() });
const decideBody = z.strictObject({ comment: z.string().optional(), expectedVersion: count.optional() });
const listQuery = z.strictObject({ state: z.string().optional() });

const json = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });
const ERROR_TEXT: Record<string, string> = {
  "400": "invalid input (violations name every bad field)",
  "401": "no or invalid access token",
  "403": "missing permission, or an applicant deciding their own application",
  "404": "not found in the caller's organisation (or not visible to the caller)",
  "409": "the device already holds another seal",
  "412": "not allowed in the current state, or changed meanwhile (reload and retry); binding: the device is revoked",
  "503": "device-control could not confirm the device (nothing changed; retry)",
};
const errors = (...codes: string[]) => Object.fromEntries(codes.map((code) => [code, { description: ERROR_TEXT[code] ?? "error", content: json("Error") }]));
const idParameter = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const sealTag = { tags: ["seals"] };
const applicationTag = { tags: ["applications"] };

const ACTIONS = [
  { path: "submit", method: "SubmitApplication", body: actionBody, summary: "Submit a draft, or resubmit a rejected application as a new revision (the applicant)" },
  { path: "withdraw", method: "WithdrawApplication", body: actionBody, summary: "Withdraw a draft or submitted application (the applicant)" },
  { path: "approve", method: "ApproveApplication", body: decideBody, summary: "Approve a submitted application (application.decide; never one's own)" },
  { path: "reject", method: "RejectApplication", body: decideBody, summary: "Reject a submitted application with a reason (application.decide; never one's own)" },
] as const;

/** REST routes of the approval service: seal registry and stamp applications, inside the caller's organisation. */
export const approvalRoutes: GatewayRoutes = {
  name: MODULE,
  register(app, deps: GatewayDeps) {
    const call = <Res>(request: FastifyRequest, method: string, body: unknown) => deps.call<Res>(MODULE, approvalService(), method, body, deps.callContext(request));

    app.post("/api/v1/seals", async (request, reply) => {
      const body = parseRequest(createSealBody, request.body);
      return reply.status(201).send(await call(request, "CreateSeal", body));
    });
    app.get("/api/v1/seals", async (request) => call(request, "ListSeals", {}));
    app.get("/api/v1/seals/:id", async (request) => call(request, "GetSeal", { id: pathParam(request, "id") }));
    app.put("/api/v1/seals/:id/device", async (request) => {
      const body = parseRequest(bindDeviceBody, request.body);
      return call(request, "BindSealDevice", { sealId: pathParam(request, "id"), deviceId: body.deviceId ?? "" });
    });

    app.post("/api/v1/applications", async (request, reply) => {
      const body = parseRequest(createApplicationBody, request.body);
      return reply.status(201).send(await call(request, "CreateApplication", { ...body, description: body.description ?? "" }));
    });
    app.get("/api/v1/applications", async (request) => call(request, "ListApplications", { state: parseRequest(listQuery, request.query).state ?? "" }));
    app.get("/api/v1/applications/:id", async (request) => call(request, "GetApplication", { id: pathParam(request, "id") }));
    for (const action of ACTIONS) {
      app.post(`/api/v1/applications/:id/${action.path}`, async (request) => call(request, action.method, { id: pathParam(request, "id"), ...parseRequest<object>(action.body, request.body) }));
    }
  },
  openApiPaths: {
    "/api/v1/seals": {
      post: {
        ...sealTag,
        operationId: "createSeal",
        summary: "Register a physical or electronic seal (seal.manage)",
        requestBody: { required: true, content: json("SealCreate") },
        responses: { "201": { description: "the seal", content: json("Seal") }, ...errors("400", "401", "403") },
      },
      get: { ...sealTag, operationId: "listSeals", summary: "The organisation's seals, by name", responses: { "200": { description: "seals", content: json("SealList") }, ...errors("401", "403") } },
    },
    "/api/v1/seals/{id}": {
      get: { ...sealTag, operationId: "getSeal", summary: "One seal", parameters: [idParameter], responses: { "200": { description: "the seal", content: json("Seal") }, ...errors("401", "403", "404") } },
    },
    "/api/v1/seals/{id}/device": {
      put: {
        ...sealTag,
        operationId: "bindSealDevice",
        summary: "Bind a physical seal to the device holding it, or unbind it with deviceId null (seal.manage)",
        parameters: [idParameter],
        requestBody: { required: true, content: json("SealDeviceBinding") },
        responses: { "200": { description: "the seal", content: json("Seal") }, ...errors("400", "401", "403", "404", "409", "412", "503") },
      },
    },
    "/api/v1/applications": {
      post: {
        ...applicationTag,
        operationId: "createApplication",
        summary: "File a draft stamp application; the caller is the applicant (application.create)",
        requestBody: { required: true, content: json("ApplicationCreate") },
        responses: { "201": { description: "the draft", content: json("Application") }, ...errors("400", "401", "403", "404") },
      },
      get: {
        ...applicationTag,
        operationId: "listApplications",
        summary: "Applications, newest first: all of the organisation with records.read or application.decide, else the caller's own",
        parameters: [{ name: "state", in: "query", required: false, schema: { $ref: "#/components/schemas/ApplicationState" } }],
        responses: { "200": { description: "applications", content: json("ApplicationList") }, ...errors("400", "401", "403") },
      },
    },
    "/api/v1/applications/{id}": {
      get: { ...applicationTag, operationId: "getApplication", summary: "One application with its steps and decisions", parameters: [idParameter], responses: { "200": { description: "the application", content: json("Application") }, ...errors("401", "403", "404") } },
    },
    ...Object.fromEntries(
      ACTIONS.map((action) => [
        `/api/v1/applications/{id}/${action.path}`,
        {
          post: {
            ...applicationTag,
            operationId: `${action.path}Application`,
            summary: action.summary,
            parameters: [idParameter],
            requestBody: { required: false, content: json(action.body === decideBody ? "ApplicationDecision" : "ApplicationAction") },
            responses: { "200": { description: "the application", content: json("Application") }, ...errors("400", "401", "403", "404", "412") },
          },
        },
      ]),
    ),
  },
  openApiSchemas: {
    PhysicalSeal: {
      type: "object",
      required: ["sealType", "sizeMm", "material"],
      properties: {
        sealType: { enum: ["OFFICIAL", "CONTRACT", "FINANCE", "LEGAL_REPRESENTATIVE", "INVOICE"], description: "公章, 合同专用章, 财务专用章, 法人章, 发票专用章" },
        sizeMm: { enum: [38, 40, 42, 45] },
        material: { enum: ["RUBBER", "COPPER", "FLIP", "PHOTOSENSITIVE"] },
        deviceId: { type: "string", description: "the device holding the seal; empty when none (read only: set it with PUT /seals/{id}/device)" },
      },
    },
    ElectronicSeal: {
      type: "object",
      required: ["imageObjectKey", "certificateRef"],
      properties: { imageObjectKey: { type: "string", maxLength: 512 }, certificateRef: { type: "string", maxLength: 200 } },
    },
    Seal: {
      type: "object",
      required: ["id", "organisationId", "name", "details", "version", "createdAt", "updatedAt"],
      properties: {
        id: { type: "string", format: "uuid" },
        organisationId: { type: "string", format: "uuid" },
        name: { type: "string" },
        details: { enum: ["physical", "electronic"], description: "which of physical / electronic is set" },
        physical: { oneOf: [{ $ref: "#/components/schemas/PhysicalSeal" }, { type: "null" }] },
        electronic: { oneOf: [{ $ref: "#/components/schemas/ElectronicSeal" }, { type: "null" }] },
        version: { type: "integer" },
        createdAt: { type: "string", format: "date-time" },
        updatedAt: { type: "string", format: "date-time" },
      },
    },
    SealList: { type: "object", required: ["seals"], properties: { seals: { type: "array", items: { $ref: "#/components/schemas/Seal" } } } },
    SealCreate: {
      type: "object",
      additionalProperties: false,
      required: ["name"],
      description: "exactly one of physical or electronic",
      properties: {
        name: { type: "string", minLength: 1, maxLength: 100 },
        physical: { type: "object", additionalProperties: false, required: ["sealType", "sizeMm", "material"], properties: { sealType: { type: "string" }, sizeMm: { type: "integer" }, material: { type: "string" } } },
        electronic: { $ref: "#/components/schemas/ElectronicSeal" },
      },
    },
    SealDeviceBinding: { type: "object", additionalProperties: false, required: ["deviceId"], properties: { deviceId: { type: ["string", "null"], description: "null or empty: unbind" } } },
    ApplicationDocumentRef: {
      type: "object",
      additionalProperties: false,
      required: ["objectKey", "sha256", "contentType"],
      properties: {
        objectKey: { type: "string", minLength: 1, maxLength: 512 },
        sha256: { type: "string", pattern: "^[0-9a-f]{64}$" },
        contentType: { enum: ["application/pdf", "image/png", "image/jpeg", "image/tiff", "image/webp"] },
      },
    },
    ApplicationState: { enum: ["DRAFT", "SUBMITTED", "APPROVED", "REJECTED", "WITHDRAWN"] },
    ApplicationCreate: {
      type: "object",
      additionalProperties: false,
      required: ["sealId", "title", "documents", "impressionCount"],
      properties: {
        sealId: { type: "string", format: "uuid" },
        title: { type: "string", minLength: 1, maxLength: 200 },
        description: { type: "string", maxLength: 2000 },
        documents: { type: "array", minItems: 1, maxItems: 20, items: { $ref: "#/components/schemas/ApplicationDocumentRef" } },
        impressionCount: { type: "integer", minimum: 1, maximum: 1000 },
      },
    },
    ApplicationAction: { type: "object", additionalProperties: false, properties: { expectedVersion: { type: "integer", description: "act only if the application is still at this version" } } },
    ApplicationDecision: {
      type: "object",
      additionalProperties: false,
      properties: { comment: { type: "string", maxLength: 1000, description: "required when rejecting" }, expectedVersion: { type: "integer" } },
    },
    ApplicationDecisionRecord: {
      type: "object",
      required: ["outcome", "decidedBy", "comment", "decidedAt"],
      properties: { outcome: { enum: ["APPROVED", "REJECTED"] }, decidedBy: { type: "string" }, comment: { type: "string" }, decidedAt: { type: "string", format: "date-time" } },
    },
    ApprovalStep: {
      type: "object",
      required: ["id", "revision", "position", "mode", "state", "decisions"],
      properties: {
        id: { type: "string", format: "uuid" },
        revision: { type: "integer" },
        position: { type: "integer" },
        mode: { enum: ["ANY_OF", "ALL_OF"] },
        state: { enum: ["PENDING", "APPROVED", "REJECTED"] },
        decisions: { type: "array", items: { $ref: "#/components/schemas/ApplicationDecisionRecord" } },
      },
    },
    Application: {
      type: "object",
      required: ["id", "organisationId", "sealId", "applicantUserId", "title", "description", "documents", "impressionCount", "state", "revision", "version", "approvedDeviceId", "steps", "createdAt", "updatedAt"],
      properties: {
        id: { type: "string", format: "uuid" },
        organisationId: { type: "string", format: "uuid" },
        sealId: { type: "string", format: "uuid" },
        applicantUserId: { type: "string" },
        title: { type: "string" },
        description: { type: "string" },
        documents: { type: "array", items: { $ref: "#/components/schemas/ApplicationDocumentRef" } },
        impressionCount: { type: "integer" },
        state: { $ref: "#/components/schemas/ApplicationState" },
        revision: { type: "integer" },
        version: { type: "integer" },
        approvedDeviceId: { type: "string", description: "the device holding the seal at approval; empty otherwise" },
        steps: { type: "array", items: { $ref: "#/components/schemas/ApprovalStep" } },
        createdAt: { type: "string", format: "date-time" },
        updatedAt: { type: "string", format: "date-time" },
      },
    },
    ApplicationList: { type: "object", required: ["applications"], properties: { applications: { type: "array", items: { $ref: "#/components/schemas/Application" } } } },
  },
};
