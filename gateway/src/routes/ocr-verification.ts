import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { grpcService, parseRequest, pathParam, type GatewayDeps, type GatewayRoutes } from "./route-module.js";

const MODULE = "ocr-verification";

const ocrVerificationService = grpcService("yunxi/ocr_verification/v1/ocr_verification.proto", "yunxi.ocr_verification.v1.OcrVerificationService");

const VERDICTS = ["match", "mismatch", "blank", "unknown_page", "review"] as const;
const toProtoVerdict = (verdict: string) => `VERDICT_${verdict.toUpperCase()}`;
const fromProtoVerdict = (verdict: string) => verdict.replace(/^VERDICT_/, "").toLowerCase();

const reviewBody = z.strictObject({
  decision: z.enum(["confirm", "overturn"]),
  verdict: z.enum(VERDICTS).optional(),
  note: z.string().max(2000).optional(),
});

interface ClauseMessage {
  clause: string;
  errorRate: number;
}

interface ReviewMessage {
  reviewerId: string;
  decision: string;
  verdict: string;
  note: string;
  at: string;
}

interface VerificationMessage {
  verificationId: string;
  applicationId: string;
  impressionId: string;
  verdict: string;
  finalVerdict: string;
  similarity: number;
  page: number;
  worstClause: ClauseMessage | null;
  changedClauses: ClauseMessage[];
  digitMismatches: { clause: string; expected: string; found: string }[];
  reasons: string[];
  engine: string;
  thresholdProfile: string;
  seconds: number;
  createdAt: string;
  reviews: ReviewMessage[];
  mediaId: string;
  deviceId: string;
  impressionSequence: string;
}

const reviewJson = (r: ReviewMessage) => ({ reviewerId: r.reviewerId, decision: r.decision, verdict: fromProtoVerdict(r.verdict), note: r.note, at: r.at });

/**
 * The JSON shape of a verification: `verdict` is the one that stands (after reviews), `computedVerdict`
 * what the comparison decided; `review` the latest review or null; device fields only for photos media stored.
 */
function verificationJson(v: VerificationMessage): Record<string, unknown> {
  const verdict = fromProtoVerdict(v.finalVerdict);
  const latest = v.reviews.at(-1);
  const sequence = Number(v.impressionSequence);
  return {
    id: v.verificationId,
    applicationId: v.applicationId,
    impressionId: v.impressionId,
    ...(v.deviceId ? { deviceId: v.deviceId } : {}),
    ...(sequence > 0 ? { sequence } : {}),
    ...(v.mediaId ? { mediaId: v.mediaId } : {}),
    verdict,
    computedVerdict: fromProtoVerdict(v.verdict),
    similarity: v.similarity,
    page: v.page > 0 ? v.page : null,
    worstClause: v.worstClause ? { clause: v.worstClause.clause, errorRate: v.worstClause.errorRate } : null,
    digitMismatches: v.digitMismatches.map((d) => ({ clause: d.clause, expected: d.expected, found: d.found })),
    reasons: v.reasons,
    engine: v.engine,
    thresholdProfile: v.thresholdProfile,
    needsReview: verdict === "review",
    review: latest ? reviewJson(latest) : null,
    reviews: v.reviews.map(reviewJson),
    createdAt: v.createdAt,
  };
}

const json = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });
const ERROR_TEXT: Record<string, string> = {
  "400": "invalid input (malformed id or body; overturning needs a new verdict other than review and the current one; confirming a review verdict is refused)",
  "401": "no or invalid access token",
  "403": "missing permission (records.read, or being the application's applicant, to read; device.keep to review)",
  "404": "not found in the caller's organisation",
  "412": "another review landed first; reload and review again",
};
const errors = (...codes: string[]) => Object.fromEntries(codes.map((code) => [code, { description: ERROR_TEXT[code] ?? "error", content: json("Error") }]));
const idParameter = (description: string) => ({ name: "id", in: "path", required: true, description, schema: { type: "string" } });
const tag = { tags: ["ocr-verification"] };
const clauseSchema = { type: "object", required: ["clause", "errorRate"], properties: { clause: { type: "string" }, errorRate: { type: "number" } } };
const reviewSchema = {
  type: "object",
  required: ["reviewerId", "decision", "verdict", "note", "at"],
  properties: {
    reviewerId: { type: "string" },
    decision: { type: "string", enum: ["confirm", "overturn"] },
    verdict: { type: "string", enum: VERDICTS },
    note: { type: "string" },
    at: { type: "string", format: "date-time" },
  },
};

// Only the open list exists at the collection: every verdict is otherwise reached through its application.
const openListQuery = z.strictObject({
  state: z.literal("open"),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

/** REST routes of ocr-verification: verdicts per impression photo, read and reviewed. */
export const ocrVerificationRoutes: GatewayRoutes = {
  name: MODULE,
  register(app, deps: GatewayDeps) {
    const call = <Res>(request: FastifyRequest, method: string, body: unknown) => deps.call<Res>(MODULE, ocrVerificationService(), method, body, deps.callContext(request));

    app.get("/api/v1/applications/:id/verifications", async (request) => {
      const response = await call<{ verifications: VerificationMessage[] }>(request, "ListVerifications", { applicationId: pathParam(request, "id") });
      return { items: response.verifications.map(verificationJson) };
    });

    app.get("/api/v1/verifications", async (request) => {
      const query = parseRequest(openListQuery, request.query);
      const response = await call<{ verifications: VerificationMessage[] }>(request, "ListOpenVerifications", { limit: query.limit ?? 100 });
      return { items: response.verifications.map(verificationJson) };
    });

    app.get("/api/v1/verifications/:id", async (request) => verificationJson(await call<VerificationMessage>(request, "GetVerification", { verificationId: pathParam(request, "id") })));

    app.post("/api/v1/verifications/:id/review", async (request) => {
      const body = parseRequest(reviewBody, request.body);
      return verificationJson(
        await call<VerificationMessage>(request, "ReviewVerification", {
          verificationId: pathParam(request, "id"),
          decision: body.decision,
          verdict: body.verdict ? toProtoVerdict(body.verdict) : "VERDICT_UNSPECIFIED",
          note: body.note ?? "",
        }),
      );
    });
  },
  openApiPaths: {
    "/api/v1/applications/{id}/verifications": {
      get: {
        ...tag,
        operationId: "listVerifications",
        summary: "The OCR verdicts of an application's impression photos, oldest first (records.read, or the applicant)",
        parameters: [idParameter("the application id")],
        responses: { "200": { description: "the verdicts", content: json("VerificationList") }, ...errors("400", "401", "403", "404") },
      },
    },
    "/api/v1/verifications": {
      get: {
        ...tag,
        operationId: "listOpenVerifications",
        summary: "The seal keeper's alarm list: verdicts not reviewed yet that are mismatch, blank, unknown_page or review, newest first (device.keep or records.read)",
        parameters: [
          { name: "state", in: "query", required: true, schema: { const: "open" } },
          { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 1000, default: 100 } },
        ],
        responses: { "200": { description: "the open verdicts", content: json("VerificationList") }, ...errors("400", "401", "403") },
      },
    },
    "/api/v1/verifications/{id}": {
      get: {
        ...tag,
        operationId: "getVerification",
        summary: "One OCR verdict (records.read, or the application's applicant)",
        parameters: [idParameter("the verification id")],
        responses: { "200": { description: "the verdict", content: json("Verification") }, ...errors("400", "401", "403", "404") },
      },
    },
    "/api/v1/verifications/{id}/review": {
      post: {
        ...tag,
        operationId: "reviewVerification",
        summary: "Confirm or overturn a verdict (device.keep); recorded in the evidence ledger (VerdictReviewed)",
        parameters: [idParameter("the verification id")],
        requestBody: { required: true, content: json("ReviewVerification") },
        responses: { "200": { description: "the verdict after the review", content: json("Verification") }, ...errors("400", "401", "403", "404", "412") },
      },
    },
  },
  openApiSchemas: {
    ReviewVerification: {
      type: "object",
      additionalProperties: false,
      required: ["decision"],
      properties: {
        decision: { type: "string", enum: ["confirm", "overturn"] },
        verdict: { type: "string", enum: VERDICTS, description: "the new verdict; required when overturning, never review" },
        note: { type: "string", maxLength: 2000 },
      },
    },
    VerificationList: { type: "object", required: ["items"], properties: { items: { type: "array", items: { $ref: "#/components/schemas/Verification" } } } },
    Verification: {
      type: "object",
      required: ["id", "applicationId", "impressionId", "verdict", "computedVerdict", "similarity", "page", "worstClause", "digitMismatches", "reasons", "engine", "thresholdProfile", "needsReview", "review", "reviews", "createdAt"],
      properties: {
        id: { type: "string" },
        applicationId: { type: "string" },
        impressionId: { type: "string", description: "deviceId:sequence for photos media stored" },
        deviceId: { type: "string", description: "the device that took the photo (photos media stored)" },
        sequence: { type: "integer", description: "the device's impression sequence number" },
        mediaId: { type: "string", description: "the photo in media" },
        verdict: { type: "string", enum: VERDICTS, description: "the verdict that stands, after reviews" },
        computedVerdict: { type: "string", enum: VERDICTS, description: "what the comparison decided" },
        similarity: { type: "number", minimum: 0, maximum: 1 },
        page: { type: ["integer", "null"], description: "1-based page of the original the photo shows" },
        worstClause: { oneOf: [clauseSchema, { type: "null" }] },
        digitMismatches: {
          type: "array",
          items: { type: "object", required: ["clause", "expected", "found"], properties: { clause: { type: "string" }, expected: { type: "string" }, found: { type: "string" } } },
        },
        reasons: { type: "array", items: { type: "string" } },
        engine: { type: "string", description: "OCR engine; none when the verdict was decided without reading the photo (review)" },
        thresholdProfile: { type: "string" },
        needsReview: { type: "boolean", description: "the standing verdict is review: a person has to decide" },
        review: { oneOf: [reviewSchema, { type: "null" }], description: "the latest review" },
        reviews: { type: "array", items: reviewSchema },
        createdAt: { type: "string", format: "date-time" },
      },
    },
  },
};
