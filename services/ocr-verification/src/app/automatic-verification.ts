import { createHash, randomUUID } from "node:crypto";
import { isYunxiError, unavailable, type ErrorKind, type Logger } from "@yunxi/platform";
import type { ComparisonOutcome } from "../domain/verdict.js";
import { announcementsFor, type OcrVerificationService, type OriginalPageInput } from "./ocr-verification-service.js";
import type { MediaReader, OriginalStore, ThresholdProfileStore, VerdictStore, Verification } from "./ports.js";

/** A document the applicant uploaded to media, as approval's ApplicationSubmitted names it. */
export interface SubmittedDocument {
  /** The media id. */
  readonly objectKey: string;
  readonly sha256: string;
  readonly contentType: string;
}

/** An application submitted for approval (approval's ApplicationSubmitted). */
export interface SubmittedApplication {
  readonly eventId: string;
  readonly applicationId: string;
  readonly organisationId: string;
  readonly applicantUserId: string;
  readonly documents: readonly SubmittedDocument[];
}

/** An impression photo media stored (media's MediaStored, kind photo, with application and device). */
export interface StoredPhoto {
  readonly mediaId: string;
  readonly organisationId: string;
  readonly applicationId: string;
  readonly deviceId: string;
  readonly impressionSequence: number;
  readonly sha256: string;
}

export interface AutomaticVerificationDeps {
  readonly service: Pick<OcrVerificationService, "registerOriginal" | "compare">;
  readonly originals: OriginalStore;
  readonly verdicts: VerdictStore;
  readonly profiles: ThresholdProfileStore;
  readonly media: MediaReader;
  /** Splits a document's bytes into pages; InvalidArgument for what cannot be compared. */
  readonly splitDocument: (bytes: Uint8Array, contentType: string) => Promise<OriginalPageInput[]>;
  readonly logger: Logger;
  readonly limits: {
    /** Photos larger than this get a review verdict without being read whole. */
    readonly maxPhotoBytes: number;
    /** Each submitted document's maximum size. */
    readonly maxDocumentBytes: number;
    /** How long a photo waits for its application's original before it gets a review verdict. */
    readonly originalWaitMs: number;
  };
  readonly clock?: { now(): Date };
  readonly newId?: () => string;
}

/** What happened to a submitted application's documents. */
export type OriginalOutcome = "registered" | "unreadable" | "already-handled";

/** What happened to a stored photo. */
export type PhotoOutcome = { readonly kind: "verified" | "already-verified"; readonly verification: Verification } | { readonly kind: "ignored"; readonly reason: string };

export interface AutomaticVerification {
  /** Registers the original of a submitted application from its documents in media, or records why it cannot. */
  registerSubmitted(application: SubmittedApplication): Promise<OriginalOutcome>;
  /**
   * Verifies a stored impression photo once (per media id). Throws Unavailable while its application's
   * original is not registered yet and the wait has not run out, so the bus delivers the event again.
   */
  verifyStoredPhoto(photo: StoredPhoto): Promise<PhotoOutcome>;
}

/** The automatic path does not act for a person; verdicts and originals name this service. */
export const AUTOMATIC_ACTOR = "service:ocr-verification";
/** The engine recorded for verdicts decided without reading the photo. */
export const NO_ENGINE = "none";
// A media or content problem retrying cannot fix; anything else (Unavailable, Internal, Unauthenticated) is retried.
const PERMANENT: readonly ErrorKind[] = ["NotFound", "PermissionDenied", "InvalidArgument", "ResourceExhausted", "FailedPrecondition"];
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const MAX_DOCUMENTS = 50;
const MAX_WAITING = 10_000;

const isPermanent = (error: unknown): error is Error => PERMANENT.some((kind) => isYunxiError(error, kind));
const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function reviewOutcome(reason: string): ComparisonOutcome {
  return { verdict: "review", scoredVerdict: "review", similarity: 0, page: null, worstClause: null, changedClauses: [], digitMismatches: [], inkRatio: 0, contentChars: 0, reasons: [reason] };
}

/** Builds the event-driven use cases (plain factory). */
export function makeAutomaticVerification(deps: AutomaticVerificationDeps): AutomaticVerification {
  const clock = deps.clock ?? { now: () => new Date() };
  const newId = deps.newId ?? randomUUID;
  const { logger, limits } = deps;
  // When this process first found a photo's original missing. Lost on restart, which only lengthens
  // the wait; bounded so a flood of orphan photos cannot grow it without end.
  const waitingSince = new Map<string, number>();

  async function readDocument(application: SubmittedApplication, document: SubmittedDocument, index: number): Promise<OriginalPageInput[]> {
    const which = `document ${index + 1}`;
    const content = await deps.media.read(application.organisationId, document.objectKey, limits.maxDocumentBytes);
    const digest = sha256Of(content.bytes);
    if (digest !== document.sha256.toLowerCase()) throw new UnreadableDocument(`${which}: its bytes do not have the SHA-256 the application declares`);
    try {
      return await deps.splitDocument(content.bytes, document.contentType || content.contentType);
    } catch (error) {
      if (isYunxiError(error, "InvalidArgument")) throw new UnreadableDocument(`${which}: ${error.message}`);
      // The OCR pool's queue is full (a scanned page is read while many photos wait): busy, not broken.
      if (isYunxiError(error, "ResourceExhausted")) throw unavailable(`${which}: OCR is busy (${error.message})`, { cause: error });
      throw error;
    }
  }

  async function store(photo: StoredPhoto, fields: Pick<Verification, "engine" | "profile" | "outcome" | "seconds">): Promise<PhotoOutcome> {
    const result: Verification = {
      verificationId: newId(),
      applicationId: photo.applicationId,
      organisationId: photo.organisationId,
      impressionId: `${photo.deviceId}:${photo.impressionSequence}`,
      ...fields,
      createdAt: clock.now().toISOString(),
      reviews: [],
      finalVerdict: fields.outcome.verdict,
      photo: { mediaId: photo.mediaId, deviceId: photo.deviceId, impressionSequence: photo.impressionSequence },
    };
    const stored = await deps.verdicts.add(result, announcementsFor(result));
    logger.info({ applicationId: photo.applicationId, mediaId: photo.mediaId, verdict: stored.outcome.verdict, seconds: stored.seconds }, "impression photo verified");
    return { kind: stored.verificationId === result.verificationId ? "verified" : "already-verified", verification: stored };
  }

  const review = (photo: StoredPhoto, profile: string, reason: string) => store(photo, { engine: NO_ENGINE, profile, outcome: reviewOutcome(reason), seconds: 0 });

  return {
    async registerSubmitted(application) {
      const known = await deps.originals.describe(application.applicationId);
      if (known && known.sourceEventId === application.eventId) return "already-handled";
      const source = { eventId: application.eventId, applicantUserId: application.applicantUserId };
      const context = { applicationId: application.applicationId, organisationId: application.organisationId, documents: application.documents.length };
      const unreadable = async (problem: string): Promise<OriginalOutcome> => {
        await deps.originals.saveUnreadable({ applicationId: application.applicationId, organisationId: application.organisationId, problem }, source);
        logger.warn({ ...context, problem }, "original cannot be compared; photos of this application will go to review");
        return "unreadable";
      };
      if (application.documents.length === 0) return unreadable("the application has no document to compare with");
      if (application.documents.length > MAX_DOCUMENTS) return unreadable(`the application has more than ${MAX_DOCUMENTS} documents`);
      const pages: OriginalPageInput[] = [];
      try {
        for (const [index, document] of application.documents.entries()) {
          try {
            pages.push(...(await readDocument(application, document, index)));
          } catch (error) {
            if (isPermanent(error)) throw new UnreadableDocument(`document ${index + 1} could not be read from media (${error.message})`);
            throw error;
          }
        }
        await deps.service.registerOriginal({ organisationId: application.organisationId, actor: AUTOMATIC_ACTOR }, { applicationId: application.applicationId, pages, source });
      } catch (error) {
        if (error instanceof UnreadableDocument) return unreadable(error.message);
        if (isYunxiError(error, "InvalidArgument")) return unreadable(error.message);
        throw error;
      }
      logger.info(context, "original registered from submitted documents");
      return "registered";
    },

    async verifyStoredPhoto(photo) {
      for (const [field, value] of [["applicationId", photo.applicationId], ["deviceId", photo.deviceId], ["mediaId", photo.mediaId], ["organisationId", photo.organisationId]] as const) {
        if (!ID.test(value)) return { kind: "ignored", reason: `${field} is not an identifier` };
      }
      if (!Number.isSafeInteger(photo.impressionSequence) || photo.impressionSequence < 1) return { kind: "ignored", reason: "the photo has no impression sequence" };
      const earlier = await deps.verdicts.findByMedia(photo.mediaId);
      if (earlier) return { kind: "already-verified", verification: earlier };
      const profile = await deps.profiles.forOrganisation(photo.organisationId);
      const known = await deps.originals.describe(photo.applicationId);
      if (!known) {
        const now = clock.now().getTime();
        const since = waitingSince.get(photo.mediaId) ?? now;
        if (now - since < limits.originalWaitMs) {
          if (!waitingSince.has(photo.mediaId)) {
            if (waitingSince.size >= MAX_WAITING) waitingSince.delete(waitingSince.keys().next().value as string);
            waitingSince.set(photo.mediaId, since);
          }
          throw unavailable(`the original of application ${photo.applicationId} is not registered yet`);
        }
        waitingSince.delete(photo.mediaId);
        return review(photo, profile.name, `no original was registered for the application within ${Math.round(limits.originalWaitMs / 1000)} s`);
      }
      waitingSince.delete(photo.mediaId);
      if (known.organisationId !== photo.organisationId) return review(photo, profile.name, "the application's original belongs to another organisation");
      if (known.problem !== undefined) return review(photo, profile.name, `the original cannot be compared: ${known.problem}`);
      const original = await deps.originals.get(photo.applicationId);
      if (!original) throw unavailable(`the original of application ${photo.applicationId} changed while it was read`);

      let bytes: Buffer;
      try {
        bytes = (await deps.media.read(photo.organisationId, photo.mediaId, limits.maxPhotoBytes)).bytes;
      } catch (error) {
        if (isPermanent(error)) return review(photo, profile.name, `the photo could not be read from media (${error.message})`);
        throw error;
      }
      if (photo.sha256 && sha256Of(bytes) !== photo.sha256.toLowerCase()) return review(photo, profile.name, "the photo's bytes do not have the SHA-256 media recorded");
      try {
        const run = await deps.service.compare(original, bytes, profile);
        return await store(photo, { engine: run.engine, profile: profile.name, outcome: run.outcome, seconds: run.seconds });
      } catch (error) {
        if (isYunxiError(error, "InvalidArgument")) return review(photo, profile.name, `the photo could not be decoded (${error.message})`);
        throw error;
      }
    },
  };
}

/** A submitted document that cannot become part of the original; its message says which and why. */
class UnreadableDocument extends Error {}
