import { randomUUID } from "node:crypto";
import { failedPrecondition, invalidArgument, isYunxiError, notFound, permissionDenied, type Logger } from "@yunxi/platform";
import { comparePhoto, originalFromText } from "../domain/comparison.js";
import { thresholdProfile } from "../domain/threshold-profiles.js";
import { COMPARISON_VERDICTS, type ComparisonOutcome, type ComparisonVerdict, type OriginalDocument, type ThresholdProfile, type VerificationResult } from "../domain/verdict.js";
import type { OcrEngine, OriginalSource, OriginalStore, PageImageDecoder, PageReading, PixelBox, ThresholdProfileStore, VerdictStore, Verification, VerificationAnnouncement } from "./ports.js";

/** Final verdicts that need a person until someone reviews them. */
export const OPEN_VERDICTS: readonly ComparisonVerdict[] = ["mismatch", "blank", "unknown_page", "review"];

export interface OcrVerificationDeps {
  readonly decoder: PageImageDecoder;
  readonly engine: OcrEngine;
  readonly originals: OriginalStore;
  readonly verdicts: VerdictStore;
  readonly profiles: ThresholdProfileStore;
  readonly logger: Logger;
  readonly clock?: { now(): Date };
  readonly newId?: () => string;
}

/** One page of an original: text as written, or a scanned image to OCR. */
export type OriginalPageInput = { readonly text: string } | { readonly image: Uint8Array };

/** A photo compared with an original, with how long it took (seconds, wall clock). */
export interface ComparisonRun {
  readonly outcome: ComparisonOutcome;
  readonly engine: string;
  readonly seconds: number;
}

/** Who is asking: every call is scoped to one organisation (tenant isolation). */
export interface Caller {
  readonly organisationId: string;
  readonly actor: string;
}

export interface OcrVerificationService {
  /** Reads the text on an image (red-channel preprocessing, then OCR). */
  readImage(image: Uint8Array): Promise<PageReading & { readonly inkRatio: number }>;
  /** Compares a photo with an original given directly (no storage): the CLI's and batch checks' path. */
  compare(original: OriginalDocument, photo: Uint8Array, profile: ThresholdProfile): Promise<ComparisonRun>;
  /**
   * Stores an application's original, split into pages and clauses; scanned pages are OCRed. Without a
   * `source` event (a call over gRPC) it refuses to replace an original registered from approval's event.
   */
  registerOriginal(caller: Caller, input: { applicationId: string; pages: readonly OriginalPageInput[]; source?: OriginalSource }): Promise<OriginalDocument>;
  /**
   * Verifies one impression photo against its application's original, stores the verdict and
   * announces it (an alarm for mismatch and blank). A second call for the same impression returns
   * the stored verdict without reading the photo again.
   */
  verifyPhoto(caller: Caller, input: { applicationId: string; impressionId: string; image: Uint8Array; profileName?: string }): Promise<Verification>;
  /** One verdict; `readsRecords` is whether the caller holds records.read, else it must be the applicant. */
  getVerdict(caller: Caller, verificationId: string, readsRecords?: boolean): Promise<Verification>;
  /** An application's verdicts, oldest first; NotFound when the caller's organisation knows no such application. */
  listVerdicts(caller: Caller, applicationId: string, readsRecords: boolean): Promise<Verification[]>;
  /**
   * What a seal keeper must look at: verdicts no one has reviewed yet that are not a plain match (mismatch,
   * blank, unknown page, review), newest first. (The gRPC adapter requires device.keep or records.read.)
   */
  listOpenVerdicts(caller: Caller, limit?: number): Promise<Verification[]>;
  /** A reviewer confirms or overturns a verdict; the review is stored and announced for the audit ledger. */
  reviewVerdict(caller: Caller, input: { verificationId: string; decision: "confirm" | "overturn"; verdict?: ComparisonVerdict; note?: string }): Promise<Verification>;
  setOrganisationProfile(caller: Caller, profileName: string): Promise<ThresholdProfile>;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const MAX_ORIGINAL_PAGES = 500;
const MAX_PAGE_TEXT = 200_000;

function requireId(field: string, value: string): void {
  if (!ID.test(value)) throw invalidArgument(`${field} must be 1–128 letters, digits or ._:-`, { violations: [{ field, message: "invalid identifier" }] });
}

function requireProfile(name: string): ThresholdProfile {
  const profile = thresholdProfile(name);
  if (!profile) throw invalidArgument(`unknown threshold profile "${name}"`, { violations: [{ field: "thresholdProfile", message: "default, strict or lenient" }] });
  return profile;
}

/** What a new verdict announces: always the verdict, and an alarm for the seal keeper on mismatch and blank. */
export function announcementsFor(result: Verification): VerificationAnnouncement[] {
  const verdict = result.outcome.verdict;
  const announcements: VerificationAnnouncement[] = [{ kind: "photo-verified", result }];
  if (verdict === "mismatch" || verdict === "blank") announcements.push({ kind: "alarm", result, verdict });
  return announcements;
}

function overlaps(a: PixelBox, b: PixelBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Builds the use cases from ports (plain factory, no container). */
export function makeOcrVerificationService(deps: OcrVerificationDeps): OcrVerificationService {
  const clock = deps.clock ?? { now: () => new Date() };
  const newId = deps.newId ?? randomUUID;

  async function compare(original: OriginalDocument, photo: Uint8Array, profile: ThresholdProfile): Promise<ComparisonRun> {
    const started = performance.now();
    const page = await deps.decoder.prepare(photo);
    // The ink check needs no OCR: a blank page is decided in about 0.1 s.
    const reading = page.inkRatio < profile.blankInkRatio ? { engine: deps.engine.name, text: "", lines: [] } : await deps.engine.read(page);
    const lines = reading.lines.map((l) => ({ text: l.text, underSeal: l.box !== undefined && page.sealBoxes.some((s) => overlaps(s, l.box as PixelBox)) }));
    const outcome = comparePhoto(original, { inkRatio: page.inkRatio, lines, reviewOnly: deps.engine.reviewOnly }, profile);
    return { outcome, engine: deps.engine.name, seconds: (performance.now() - started) / 1000 };
  }

  // Another organisation's verification is reported as absent, not as forbidden: its existence is not ours to reveal.
  async function ownVerification(caller: Caller, verificationId: string): Promise<Verification> {
    const result = await deps.verdicts.get(verificationId);
    if (!result || result.organisationId !== caller.organisationId) throw notFound(`no verification ${verificationId}`);
    return result;
  }

  // Verdicts are evidence about an application: records readers see them, and so does its applicant.
  async function mayRead(caller: Caller, applicationId: string, readsRecords: boolean): Promise<void> {
    if (readsRecords) return;
    const original = await deps.originals.describe(applicationId);
    if (original?.applicantUserId && original.organisationId === caller.organisationId && original.applicantUserId === caller.actor) return;
    throw permissionDenied("reading verifications needs records.read, or being the application's applicant");
  }

  return {
    async readImage(image) {
      const page = await deps.decoder.prepare(image);
      const reading = await deps.engine.read(page);
      return { ...reading, inkRatio: page.inkRatio };
    },

    compare,

    async registerOriginal(caller, { applicationId, pages, source }) {
      requireId("applicationId", applicationId);
      requireId("organisationId", caller.organisationId);
      if (pages.length === 0 || pages.length > MAX_ORIGINAL_PAGES) {
        throw invalidArgument(`an original has 1–${MAX_ORIGINAL_PAGES} pages`, { violations: [{ field: "pages", message: `${pages.length} pages` }] });
      }
      const existing = await deps.originals.describe(applicationId);
      if (existing && existing.organisationId !== caller.organisationId) throw invalidArgument(`application ${applicationId} belongs to another organisation`);
      // The approved documents are what the stamped pages must match; a direct call must not swap them.
      if (existing?.sourceEventId && !source?.eventId) throw failedPrecondition(`the original of application ${applicationId} comes from its submitted documents and cannot be replaced`);
      const profile = await deps.profiles.forOrganisation(caller.organisationId);
      const texts: string[] = [];
      for (const [index, page] of pages.entries()) {
        if ("text" in page) {
          if (page.text.length > MAX_PAGE_TEXT) throw invalidArgument(`page ${index + 1} has more than ${MAX_PAGE_TEXT} characters`, { violations: [{ field: `pages[${index}]`, message: "too long" }] });
          texts.push(page.text);
          continue;
        }
        try {
          texts.push((await deps.engine.read(await deps.decoder.prepare(page.image))).text);
        } catch (error) {
          if (isYunxiError(error, "InvalidArgument")) throw invalidArgument(`page ${index + 1}: ${error.message}`, { cause: error, violations: [{ field: `pages[${index}]`, message: error.message }] });
          throw error;
        }
      }
      // Form feeds inside a page would split it; page numbers must stay those of the document.
      const original = originalFromText(applicationId, caller.organisationId, texts.map((t) => t.replaceAll("\f", " ")).join("\f"), profile);
      if (original.pages.length !== pages.length) {
        throw invalidArgument("every page of an original needs text (a blank page cannot be compared)", { violations: [{ field: "pages", message: "page without text" }] });
      }
      await deps.originals.save(original, source ?? { applicantUserId: caller.actor });
      deps.logger.info({ applicationId, organisationId: caller.organisationId, pages: original.pages.length }, "original registered");
      return original;
    },

    async verifyPhoto(caller, { applicationId, impressionId, image, profileName }) {
      requireId("applicationId", applicationId);
      requireId("impressionId", impressionId);
      const original = await deps.originals.get(applicationId);
      if (!original || original.organisationId !== caller.organisationId) throw notFound(`no original registered for application ${applicationId}`);
      const profile = profileName ? requireProfile(profileName) : await deps.profiles.forOrganisation(original.organisationId);
      const earlier = await deps.verdicts.findByImpression(applicationId, impressionId);
      if (earlier) return earlier;
      const run = await compare(original, image, profile);
      const result: VerificationResult = {
        verificationId: newId(),
        applicationId,
        organisationId: original.organisationId,
        impressionId,
        engine: run.engine,
        profile: profile.name,
        outcome: run.outcome,
        seconds: run.seconds,
        createdAt: clock.now().toISOString(),
        reviews: [],
        finalVerdict: run.outcome.verdict,
      };
      const stored = await deps.verdicts.add(result, announcementsFor(result));
      deps.logger.info({ applicationId, impressionId, verdict: stored.outcome.verdict, page: stored.outcome.page, seconds: run.seconds }, "photo verified");
      return stored;
    },

    async getVerdict(caller, verificationId, readsRecords = true) {
      const result = await ownVerification(caller, verificationId);
      await mayRead(caller, result.applicationId, readsRecords);
      return result;
    },

    async listVerdicts(caller, applicationId, readsRecords) {
      requireId("applicationId", applicationId);
      const [original, verdicts] = await Promise.all([deps.originals.describe(applicationId), deps.verdicts.listByApplication(caller.organisationId, applicationId)]);
      if ((!original || original.organisationId !== caller.organisationId) && verdicts.length === 0) throw notFound(`no application ${applicationId}`);
      await mayRead(caller, applicationId, readsRecords);
      return verdicts;
    },

    async listOpenVerdicts(caller, limit = 100) {
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw invalidArgument("limit must be 1 to 1000", { violations: [{ field: "limit", message: "must be 1 to 1000" }] });
      return deps.verdicts.listUnreviewed(caller.organisationId, OPEN_VERDICTS, limit);
    },

    async reviewVerdict(caller, { verificationId, decision, verdict, note }) {
      if (decision !== "confirm" && decision !== "overturn") throw invalidArgument("decision must be confirm or overturn", { violations: [{ field: "decision", message: "invalid" }] });
      if ((note ?? "").length > 2000) throw invalidArgument("note is longer than 2000 characters", { violations: [{ field: "note", message: "too long" }] });
      const current = await ownVerification(caller, verificationId);
      let next: ComparisonVerdict = current.finalVerdict;
      if (decision === "overturn") {
        if (!verdict || !COMPARISON_VERDICTS.includes(verdict) || verdict === "review" || verdict === current.finalVerdict) {
          throw invalidArgument("overturning needs a new verdict other than review and the current one", { violations: [{ field: "verdict", message: "invalid" }] });
        }
        next = verdict;
      } else if (current.finalVerdict === "review") {
        throw invalidArgument("a review verdict is settled by overturning it to match, mismatch, blank or unknown_page", { violations: [{ field: "decision", message: "confirm on review" }] });
      }
      const updated: Verification = {
        ...current,
        reviews: [...current.reviews, { reviewerId: caller.actor, decision, verdict: next, note: note ?? "", at: clock.now().toISOString() }],
        finalVerdict: next,
      };
      await deps.verdicts.update(updated, current.reviews.length, [{ kind: "verdict-reviewed", result: updated, previous: current.finalVerdict }]);
      deps.logger.info({ verificationId, decision, verdict: next }, "verdict reviewed");
      return updated;
    },

    async setOrganisationProfile(caller, profileName) {
      requireId("organisationId", caller.organisationId);
      const profile = requireProfile(profileName);
      await deps.profiles.setForOrganisation(caller.organisationId, profile);
      return profile;
    },
  };
}
