import { randomUUID } from "node:crypto";
import { invalidArgument, isYunxiError, notFound, type Logger } from "@yunxi/platform";
import { comparePhoto, originalFromText } from "../domain/comparison.js";
import { COMPARISON_VERDICTS, type ComparisonOutcome, type ComparisonVerdict, type OriginalDocument, type ThresholdProfile, type VerificationResult } from "../domain/verdict.js";
import { thresholdProfile } from "../domain/threshold-profiles.js";
import type { OcrEngine, OriginalStore, PageImageDecoder, PageReading, ThresholdProfileStore, VerdictStore, VerificationEvents } from "./ports.js";

export interface OcrVerificationDeps {
  readonly decoder: PageImageDecoder;
  readonly engine: OcrEngine;
  readonly originals: OriginalStore;
  readonly verdicts: VerdictStore;
  readonly profiles: ThresholdProfileStore;
  readonly events: VerificationEvents;
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

export interface OcrVerificationService {
  /** Reads the text on an image (red-channel preprocessing, then OCR). */
  readImage(image: Uint8Array): Promise<PageReading & { readonly inkRatio: number }>;
  /** Compares a photo with an original given directly (no storage): the CLI's and batch checks' path. */
  compare(original: OriginalDocument, photo: Uint8Array, profile: ThresholdProfile): Promise<ComparisonRun>;
  /** Stores an application's original, split into pages and clauses; scanned pages are OCRed. */
  registerOriginal(input: { applicationId: string; organisationId: string; pages: readonly OriginalPageInput[] }): Promise<OriginalDocument>;
  /** Verifies one impression photo against its application's original, stores and announces the verdict. */
  verifyPhoto(input: { applicationId: string; impressionId: string; image: Uint8Array; profileName?: string }): Promise<VerificationResult>;
  getVerdict(verificationId: string): Promise<VerificationResult>;
  /** A reviewer confirms or overturns a verdict; the review is stored and announced for the audit ledger. */
  reviewVerdict(input: { verificationId: string; reviewerId: string; decision: "confirm" | "overturn"; verdict?: ComparisonVerdict; note?: string }): Promise<VerificationResult>;
  setOrganisationProfile(organisationId: string, profileName: string): Promise<ThresholdProfile>;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

function requireId(field: string, value: string): void {
  if (!ID.test(value)) throw invalidArgument(`${field} must be 1–128 letters, digits or ._:-`, { violations: [{ field, message: "invalid identifier" }] });
}

function requireProfile(name: string): ThresholdProfile {
  const profile = thresholdProfile(name);
  if (!profile) throw invalidArgument(`unknown threshold profile "${name}"`, { violations: [{ field: "profile", message: "unknown profile" }] });
  return profile;
}

/** Builds the use cases from ports (plain factory, no container). */
export function makeOcrVerificationService(deps: OcrVerificationDeps): OcrVerificationService {
  const clock = deps.clock ?? { now: () => new Date() };
  const newId = deps.newId ?? randomUUID;

  async function read(image: Uint8Array) {
    const page = await deps.decoder.prepare(image);
    const reading = await deps.engine.read(page);
    return { page, reading };
  }

  async function compare(original: OriginalDocument, photo: Uint8Array, profile: ThresholdProfile): Promise<ComparisonRun> {
    const started = performance.now();
    const page = await deps.decoder.prepare(photo);
    // The ink check needs no OCR: a blank page is decided in about 0.1 s.
    const reading = page.inkRatio < profile.blankInkRatio ? { engine: deps.engine.name, text: "", lines: [] } : await deps.engine.read(page);
    const outcome = comparePhoto(original, { inkRatio: page.inkRatio, lines: reading.lines.map((l) => l.text), reviewOnly: deps.engine.reviewOnly }, profile);
    return { outcome, engine: deps.engine.name, seconds: (performance.now() - started) / 1000 };
  }

  return {
    async readImage(image) {
      const { page, reading } = await read(image);
      return { ...reading, inkRatio: page.inkRatio };
    },

    compare,

    async registerOriginal({ applicationId, organisationId, pages }) {
      requireId("applicationId", applicationId);
      requireId("organisationId", organisationId);
      if (pages.length === 0) throw invalidArgument("an original needs at least one page", { violations: [{ field: "pages", message: "empty" }] });
      const profile = await deps.profiles.forOrganisation(organisationId);
      const texts: string[] = [];
      for (const [index, page] of pages.entries()) {
        if ("text" in page) texts.push(page.text);
        else {
          try {
            texts.push((await read(page.image)).reading.text);
          } catch (error) {
            if (isYunxiError(error, "InvalidArgument")) throw invalidArgument(`page ${index + 1}: ${error.message}`, { cause: error, violations: [{ field: `pages[${index}]`, message: error.message }] });
            throw error;
          }
        }
      }
      // Pages are kept apart even when one of them has no text: page numbers must stay those of the document.
      const original = originalFromText(applicationId, organisationId, texts.map((t) => t.replaceAll("\f", " ")).join("\f"), profile);
      await deps.originals.save(original);
      deps.logger.info({ applicationId, organisationId, pages: original.pages.length }, "original registered");
      return original;
    },

    async verifyPhoto({ applicationId, impressionId, image, profileName }) {
      requireId("applicationId", applicationId);
      requireId("impressionId", impressionId);
      const original = await deps.originals.get(applicationId);
      if (!original) throw notFound(`no original registered for application ${applicationId}`);
      const profile = profileName ? requireProfile(profileName) : await deps.profiles.forOrganisation(original.organisationId);
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
      await deps.verdicts.save(result);
      await deps.events.photoVerified(result);
      const verdict = run.outcome.verdict;
      if (verdict === "mismatch" || verdict === "blank") await deps.events.alarmRaised(result, verdict);
      deps.logger.info({ applicationId, impressionId, verdict, page: run.outcome.page, seconds: run.seconds }, "photo verified");
      return result;
    },

    async getVerdict(verificationId) {
      const result = await deps.verdicts.get(verificationId);
      if (!result) throw notFound(`no verification ${verificationId}`);
      return result;
    },

    async reviewVerdict({ verificationId, reviewerId, decision, verdict, note }) {
      requireId("reviewerId", reviewerId);
      if (decision !== "confirm" && decision !== "overturn") throw invalidArgument("decision must be confirm or overturn", { violations: [{ field: "decision", message: "invalid" }] });
      const current = await deps.verdicts.get(verificationId);
      if (!current) throw notFound(`no verification ${verificationId}`);
      let next: ComparisonVerdict = current.finalVerdict;
      if (decision === "overturn") {
        if (!verdict || !COMPARISON_VERDICTS.includes(verdict) || verdict === "review" || verdict === current.finalVerdict) {
          throw invalidArgument("overturning needs a new verdict other than review and the current one", { violations: [{ field: "verdict", message: "invalid" }] });
        }
        next = verdict;
      }
      if ((note ?? "").length > 2000) throw invalidArgument("note is longer than 2000 characters", { violations: [{ field: "note", message: "too long" }] });
      const updated: VerificationResult = {
        ...current,
        reviews: [...current.reviews, { reviewerId, decision, verdict: next, note: note ?? "", at: clock.now().toISOString() }],
        finalVerdict: next,
      };
      await deps.verdicts.update(updated);
      await deps.events.verdictReviewed(updated);
      return updated;
    },

    async setOrganisationProfile(organisationId, profileName) {
      requireId("organisationId", organisationId);
      const profile = requireProfile(profileName);
      await deps.profiles.setForOrganisation(organisationId, profile);
      return profile;
    },
  };
}
