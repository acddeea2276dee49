import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { grpcService, parseRequest, type GatewayDeps, type GatewayRoutes } from "./route-module.js";

const MODULE = "audit";

const auditService = grpcService("yunxi/audit/v1/audit.proto", "yunxi.audit.v1.AuditService");

// uint64 travels as a decimal string; checked here because gRPC would read "abc" as 0.
const sequence = z.string().regex(/^\d{1,15}$/, "must be a non-negative integer");
const listQuery = z.strictObject({ subject: z.string().min(1, "is required"), afterSequence: sequence.optional(), limit: z.string().regex(/^\d{1,4}$/, "must be 0..1000").optional() });
const checkpointQuery = z.strictObject({ fresh: z.enum(["true", "false"]).optional() });
const proofQuery = z.strictObject({ treeSize: sequence.optional() });
const proofParams = z.strictObject({ sequence });
const exportQuery = z.strictObject({ subject: z.string().min(1, "is required") });
const verifyBody = z.strictObject({ fromSequence: z.number().int().min(0).optional(), toSequence: z.number().int().min(0).optional() });

const json = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });
const ERROR_TEXT: Record<string, string> = {
  "400": "invalid input (violations name the fields)",
  "401": "no or invalid access token",
  "403": "missing permission evidence.read",
  "404": "not found in the caller's organisation",
};
const errors = (...codes: string[]) => Object.fromEntries(codes.map((code) => [code, { description: ERROR_TEXT[code] ?? "error", content: json("Error") }]));
const common = { tags: ["evidence"] };
const queryParam = (name: string, description: string, required = false, schema: Record<string, unknown> = { type: "string" }) => ({ name, in: "query", required, description, schema });

/** REST routes of the evidence ledger (audit service); everything acts in the organisation of the caller's token. */
export const auditRoutes: GatewayRoutes = {
  name: MODULE,
  register(app, deps: GatewayDeps) {
    const call = <Res>(request: FastifyRequest, method: string, body: unknown) => deps.call<Res>(MODULE, auditService(), method, body, deps.callContext(request));

    app.get("/api/v1/evidence/entries", async (request) => {
      const q = parseRequest(listQuery, request.query, "query");
      return call(request, "ListEntries", { subject: q.subject, afterSequence: q.afterSequence ?? "0", limit: Number(q.limit ?? "0") });
    });
    app.get("/api/v1/evidence/checkpoints/latest", async (request) => call(request, "GetCheckpoint", { fresh: parseRequest(checkpointQuery, request.query, "query").fresh === "true" }));
    app.get("/api/v1/evidence/entries/:sequence/proof", async (request) => {
      const { sequence: seq } = parseRequest(proofParams, request.params, "path");
      return call(request, "GetInclusionProof", { sequence: seq, treeSize: parseRequest(proofQuery, request.query, "query").treeSize ?? "0" });
    });
    app.post("/api/v1/evidence/verify", async (request) => {
      const body = parseRequest(verifyBody, request.body, "body");
      return call(request, "VerifyChain", { fromSequence: String(body.fromSequence ?? 0), toSequence: String(body.toSequence ?? 0) });
    });
    app.get("/api/v1/evidence/public-key", async (request) => call(request, "GetPublicKey", {}));
    app.get("/api/v1/evidence/export", async (request, reply) => {
      const { subject } = parseRequest(exportQuery, request.query, "query");
      const exported = await call<{ bundleJson: string }>(request, "ExportEvidence", { subject });
      // The bundle is returned as the body itself, so it can be saved and checked with verify-evidence.
      return reply.type("application/json").send(exported.bundleJson);
    });
  },
  openApiPaths: {
    "/api/v1/evidence/entries": {
      get: {
        ...common,
        operationId: "listEvidenceEntries",
        summary: "Ledger entries naming a subject (application, device, impression, user or aggregate id): a chain of custody",
        parameters: [
          queryParam("subject", "the id every returned entry names", true),
          queryParam("afterSequence", "paging: only entries after this sequence", false, { type: "string", pattern: "^\\d+$" }),
          queryParam("limit", "at most this many (default 100, at most 1000)", false, { type: "string", pattern: "^\\d+$" }),
        ],
        responses: { "200": { description: "entries in sequence order", content: json("EvidenceEntryPage") }, ...errors("400", "401", "403") },
      },
    },
    "/api/v1/evidence/checkpoints/latest": {
      get: {
        ...common,
        operationId: "getLatestEvidenceCheckpoint",
        summary: "The latest signed Merkle checkpoint; fresh=true signs one over every entry first if needed",
        parameters: [queryParam("fresh", "sign a checkpoint over all entries first", false, { enum: ["true", "false"] })],
        responses: { "200": { description: "the checkpoint", content: json("EvidenceCheckpoint") }, ...errors("400", "401", "403", "404") },
      },
    },
    "/api/v1/evidence/entries/{sequence}/proof": {
      get: {
        ...common,
        operationId: "getEvidenceInclusionProof",
        summary: "RFC 6962 inclusion proof of one entry against a checkpoint (the latest covering it unless treeSize is given)",
        parameters: [
          { name: "sequence", in: "path", required: true, schema: { type: "string", pattern: "^\\d+$" } },
          queryParam("treeSize", "prove against the checkpoint over this many entries", false, { type: "string", pattern: "^\\d+$" }),
        ],
        responses: { "200": { description: "entry, checkpoint and audit path", content: json("EvidenceInclusionProof") }, ...errors("400", "401", "403", "404") },
      },
    },
    "/api/v1/evidence/verify": {
      post: {
        ...common,
        operationId: "verifyEvidenceChain",
        summary: "Recompute hashes, links and checkpoints over a range on the server",
        requestBody: { required: false, content: { "application/json": { schema: { type: "object", additionalProperties: false, properties: { fromSequence: { type: "integer", minimum: 0 }, toSequence: { type: "integer", minimum: 0 } } } } } },
        responses: { "200": { description: "ok, or the first broken sequence", content: json("EvidenceVerification") }, ...errors("400", "401", "403") },
      },
    },
    "/api/v1/evidence/public-key": {
      get: { ...common, operationId: "getEvidencePublicKey", summary: "The Ed25519 key checkpoints are signed with", responses: { "200": { description: "the key", content: json("EvidencePublicKey") }, ...errors("401", "403") } },
    },
    "/api/v1/evidence/export": {
      get: {
        ...common,
        operationId: "exportEvidence",
        summary: "A self-contained chain-of-custody bundle for offline verification (npm run verify-evidence)",
        parameters: [queryParam("subject", "the id every exported entry names", true)],
        responses: { "200": { description: "bundle (format yunxi.evidence-bundle.v1)", content: { "application/json": { schema: { type: "object" } } } }, ...errors("400", "401", "403", "404") },
      },
    },
  },
  openApiSchemas: {
    EvidenceEntry: {
      type: "object",
      properties: {
        organisationId: { type: "string" },
        sequence: { type: "string", description: "1, 2, 3 … per organisation" },
        occurredAt: { type: "string", format: "date-time" },
        recordedAt: { type: "string", format: "date-time" },
        kind: { type: "string", examples: ["organisation.member-joined"] },
        sourceEventId: { type: "string" },
        applicationId: { type: "string" },
        deviceId: { type: "string" },
        impressionId: { type: "string" },
        actorUserId: { type: "string" },
        aggregateId: { type: "string" },
        payloadJson: { type: "string", description: "canonical JSON" },
        prevHash: { type: "string" },
        hash: { type: "string" },
      },
    },
    EvidenceEntryPage: { type: "object", properties: { entries: { type: "array", items: { $ref: "#/components/schemas/EvidenceEntry" } }, nextAfterSequence: { type: "string" } } },
    EvidenceCheckpoint: {
      type: "object",
      properties: { organisationId: { type: "string" }, treeSize: { type: "string" }, rootHash: { type: "string" }, createdAt: { type: "string", format: "date-time" }, keyId: { type: "string" }, signature: { type: "string", description: "base64 Ed25519" } },
    },
    EvidenceInclusionProof: {
      type: "object",
      properties: { entry: { $ref: "#/components/schemas/EvidenceEntry" }, checkpoint: { $ref: "#/components/schemas/EvidenceCheckpoint" }, leafIndex: { type: "string" }, auditPath: { type: "array", items: { type: "string" } } },
    },
    EvidenceVerification: {
      type: "object",
      properties: { ok: { type: "boolean" }, checked: { type: "string" }, firstBrokenSequence: { type: "string" }, problem: { type: "string" }, checkpointsChecked: { type: "integer" } },
    },
    EvidencePublicKey: { type: "object", properties: { algorithm: { const: "Ed25519" }, keyId: { type: "string" }, publicKeyPem: { type: "string" } } },
  },
};
