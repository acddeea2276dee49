import type { ServiceDefinition, UntypedServiceImplementation } from "@grpc/grpc-js";
import { loadPackageDefinition } from "@grpc/grpc-js";
import type { PackageDefinition } from "@grpc/proto-loader";
import { authenticate, invalidArgument, permissionDenied, unary, type CallContext, type Logger, type Permission, type TokenVerifier } from "@yunxi/platform";
import { loadProtoDefinition } from "@yunxi/proto";
import type { Caller, OcrVerificationService, OriginalPageInput } from "../../app/ocr-verification-service.js";
import type { Verification } from "../../app/ports.js";
import { COMPARISON_VERDICTS, type ClauseScore, type ComparisonVerdict } from "../../domain/verdict.js";

export const OCR_VERIFICATION_PROTO = "yunxi/ocr_verification/v1/ocr_verification.proto";

/** The package definition and service definition of OcrVerificationService. */
export function ocrVerificationServiceDefinition(): { packageDefinition: PackageDefinition; service: ServiceDefinition } {
  const packageDefinition = loadProtoDefinition(OCR_VERIFICATION_PROTO);
  const loaded = loadPackageDefinition(packageDefinition) as unknown as {
    yunxi: { ocr_verification: { v1: { OcrVerificationService: { service: ServiceDefinition } } } };
  };
  return { packageDefinition, service: loaded.yunxi.ocr_verification.v1.OcrVerificationService.service };
}

/** An authenticated caller with the permissions it holds. */
export interface AuthenticatedCaller extends Caller {
  readonly permissions: ReadonlySet<Permission>;
}

/** Establishes who calls, in which organisation, with which permissions. */
export type Authenticate = (context: CallContext) => Promise<AuthenticatedCaller>;

/** Verifies the bearer token with the platform's verifier (JWKS); the organisation comes from the token. */
export function tokenAuthenticate(verifier: TokenVerifier): Authenticate {
  return async (context) => {
    const caller = await authenticate(verifier, context);
    return { organisationId: caller.organisationId, actor: caller.userId, permissions: caller.permissions };
  };
}

const toProtoVerdict = (v: ComparisonVerdict) => `VERDICT_${v.toUpperCase()}`;
function fromProtoVerdict(v: string): ComparisonVerdict | undefined {
  const name = v.replace(/^VERDICT_/, "").toLowerCase();
  return COMPARISON_VERDICTS.find((c) => c === name);
}
const clause = (c: ClauseScore) => ({ clause: c.clause, errorRate: c.errorRate });

function verification(r: Verification): Record<string, unknown> {
  return {
    verificationId: r.verificationId,
    applicationId: r.applicationId,
    impressionId: r.impressionId,
    verdict: toProtoVerdict(r.outcome.verdict),
    finalVerdict: toProtoVerdict(r.finalVerdict),
    similarity: r.outcome.similarity,
    page: r.outcome.page ?? 0,
    ...(r.outcome.worstClause ? { worstClause: clause(r.outcome.worstClause) } : {}),
    changedClauses: r.outcome.changedClauses.map(clause),
    digitMismatches: r.outcome.digitMismatches.map((d) => ({ clause: d.clause, expected: d.expected, found: d.found })),
    reasons: [...r.outcome.reasons],
    engine: r.engine,
    thresholdProfile: r.profile,
    seconds: r.seconds,
    createdAt: r.createdAt,
    reviews: r.reviews.map((v) => ({ reviewerId: v.reviewerId, decision: v.decision, verdict: toProtoVerdict(v.verdict), note: v.note, at: v.at })),
    ...(r.photo ? { mediaId: r.photo.mediaId, deviceId: r.photo.deviceId, impressionSequence: String(r.photo.impressionSequence) } : {}),
  };
}

const bytesOf = (value: unknown): Uint8Array => (value instanceof Uint8Array ? value : new Uint8Array(0));

/** gRPC handlers translating OcrVerificationService calls to the use cases. */
export function makeOcrVerificationGrpc(service: OcrVerificationService, logger: Logger, authenticateCall: Authenticate): UntypedServiceImplementation {
  const handle = <Req, Res>(permission: Permission, fn: (request: Req, caller: Caller) => Promise<Res>) =>
    unary<Req, Res>(logger, async (request, context) => {
      const caller = await authenticateCall(context);
      if (!caller.permissions.has(permission)) throw permissionDenied(`missing permission ${permission}`);
      return fn(request, caller);
    });

  return {
    RegisterOriginal: handle<{ applicationId: string; pages: { text?: string; image?: Buffer; content?: string }[] }, unknown>("application.create", async (req, caller) => {
      const pages: OriginalPageInput[] = req.pages.map((p, index) => {
        if (p.content === "text" || (p.content === undefined && typeof p.text === "string" && p.text.length > 0)) return { text: p.text ?? "" };
        if (p.content === "image") return { image: bytesOf(p.image) };
        throw invalidArgument(`page ${index + 1} has neither text nor image`, { violations: [{ field: `pages[${index}]`, message: "empty" }] });
      });
      const original = await service.registerOriginal(caller, { applicationId: req.applicationId, pages });
      return { applicationId: original.applicationId, clausesPerPage: original.pages.map((p) => p.clauses.length) };
    }),
    VerifyPhoto: handle<{ applicationId: string; impressionId: string; image: Buffer; thresholdProfile: string }, unknown>("device.keep", async (req, caller) =>
      verification(
        await service.verifyPhoto(caller, {
          applicationId: req.applicationId,
          impressionId: req.impressionId,
          image: bytesOf(req.image),
          ...(req.thresholdProfile ? { profileName: req.thresholdProfile } : {}),
        }),
      ),
    ),
    // records.read, or the application's applicant: the service decides, since only it knows the applicant.
    GetVerification: unary<{ verificationId: string }, unknown>(logger, async (req, context) => {
      const caller = await authenticateCall(context);
      return verification(await service.getVerdict(caller, req.verificationId, caller.permissions.has("records.read")));
    }),
    ListVerifications: unary<{ applicationId: string }, unknown>(logger, async (req, context) => {
      const caller = await authenticateCall(context);
      return { verifications: (await service.listVerdicts(caller, req.applicationId, caller.permissions.has("records.read"))).map(verification) };
    }),
    ListOpenVerifications: unary<{ limit: number }, unknown>(logger, async (req, context) => {
      const caller = await authenticateCall(context);
      if (!caller.permissions.has("device.keep") && !caller.permissions.has("records.read")) throw permissionDenied("missing permission device.keep or records.read");
      return { verifications: (await service.listOpenVerdicts(caller, req.limit || 100)).map(verification) };
    }),
    ReviewVerification: handle<{ verificationId: string; decision: string; verdict: string; note: string }, unknown>("device.keep", async (req, caller) => {
      if (req.decision !== "confirm" && req.decision !== "overturn") throw invalidArgument("decision must be confirm or overturn", { violations: [{ field: "decision", message: "invalid" }] });
      const verdict = fromProtoVerdict(req.verdict);
      return verification(await service.reviewVerdict(caller, { verificationId: req.verificationId, decision: req.decision, ...(verdict ? { verdict } : {}), note: req.note }));
    }),
    SetThresholdProfile: handle<{ name: string }, unknown>("organisation.manage", async (req, caller) => {
      const p = await service.setOrganisationProfile(caller, req.name);
      return { name: p.name, clauseMismatch: p.clauseMismatch, clauseReview: p.clauseReview, globalReview: p.globalReview, pageMaxError: p.pageMaxError, blankInkRatio: p.blankInkRatio };
    }),
    ReadImage: handle<{ image: Buffer }, unknown>("records.read", async (req) => {
      const reading = await service.readImage(bytesOf(req.image));
      return { text: reading.text, lines: reading.lines.map((l) => l.text), engine: reading.engine, inkRatio: reading.inkRatio };
    }),
  };
}
