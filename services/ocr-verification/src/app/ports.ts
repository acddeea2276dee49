import type { ComparisonVerdict, OriginalDocument, ThresholdProfile, VerificationResult } from "../domain/verdict.js";

/** A rectangle in page pixels. */
export interface PixelBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A decoded photo, already reduced to what OCR and the blank check need. */
export interface PreparedPage {
  readonly width: number;
  readonly height: number;
  /** One 8-bit channel: the red channel, in which a red seal is nearly white and black text stays black. */
  readonly pixels: Uint8Array;
  /** Share of ink pixels in the central 80 % of the frame (0–1), measured before any OCR. */
  readonly inkRatio: number;
  /** Where red seal ink is (page pixels): text read there is tolerated, not trusted. */
  readonly sealBoxes: readonly PixelBox[];
}

/** Decodes and checks untrusted image bytes; throws InvalidArgument for malformed or oversized input. */
export interface PageImageDecoder {
  prepare(bytes: Uint8Array): Promise<PreparedPage>;
}

/** One recognised text line. */
export interface RecognisedLine {
  readonly text: string;
  readonly confidence: number;
  readonly box?: PixelBox;
}

/** What an engine read on a page. */
export interface PageReading {
  readonly engine: string;
  readonly text: string;
  readonly lines: readonly RecognisedLine[];
}

/** An OCR engine. Implementations run one page at a time; callers queue. */
export interface OcrEngine {
  readonly name: string;
  /** True for engines too weak to decide alone: every verdict they produce goes to manual review. */
  readonly reviewOnly: boolean;
  read(page: PreparedPage): Promise<PageReading>;
  close(): Promise<void>;
}

/** Originals stored with the application they belong to. */
export interface OriginalStore {
  save(original: OriginalDocument): Promise<void>;
  get(applicationId: string): Promise<OriginalDocument | undefined>;
}

/** What a stored verdict announces: to the event bus, through the store's outbox. */
export type VerificationAnnouncement =
  | { readonly kind: "photo-verified"; readonly result: VerificationResult }
  | { readonly kind: "alarm"; readonly result: VerificationResult; readonly verdict: "mismatch" | "blank" }
  | { readonly kind: "verdict-reviewed"; readonly result: VerificationResult; readonly previous: ComparisonVerdict };

/**
 * Verdicts per impression photo, with their review history. A verdict and what it announces are
 * written together (transactional outbox), so an alarm is never lost nor sent for an unstored verdict.
 */
export interface VerdictStore {
  /**
   * Stores a new verdict. If the impression already has one (a redelivered stamp record), nothing is
   * written and the stored verdict is returned instead.
   */
  add(result: VerificationResult, announcements: readonly VerificationAnnouncement[]): Promise<VerificationResult>;
  /** Replaces a verdict after a review; FailedPrecondition when another review landed first. */
  update(result: VerificationResult, expectedReviews: number, announcements: readonly VerificationAnnouncement[]): Promise<void>;
  get(verificationId: string): Promise<VerificationResult | undefined>;
  findByImpression(applicationId: string, impressionId: string): Promise<VerificationResult | undefined>;
}

/** Threshold profiles per organisation; the default profile when an organisation has none. */
export interface ThresholdProfileStore {
  forOrganisation(organisationId: string): Promise<ThresholdProfile>;
  setForOrganisation(organisationId: string, profile: ThresholdProfile): Promise<void>;
}
