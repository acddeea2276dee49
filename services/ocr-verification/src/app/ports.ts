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

/** Where a stored original came from: the ApplicationSubmitted event that carried it, and its applicant. */
export interface OriginalSource {
  readonly eventId?: string;
  readonly applicantUserId?: string;
}

/** What is recorded about an application's original, readable or not. */
export interface OriginalInfo {
  readonly applicationId: string;
  readonly organisationId: string;
  readonly applicantUserId?: string;
  readonly sourceEventId?: string;
  /** Why the application's documents cannot be compared with; absent for a readable original. */
  readonly problem?: string;
}

/**
 * Originals stored with the application they belong to. One record per application: a later save (a
 * resubmission) replaces it, readable or not.
 */
export interface OriginalStore {
  save(original: OriginalDocument, source?: OriginalSource): Promise<void>;
  /** Records that the application's documents cannot be compared with, and why (no document text). */
  saveUnreadable(unreadable: { applicationId: string; organisationId: string; problem: string }, source?: OriginalSource): Promise<void>;
  /** The readable original; undefined when none is registered or it is unreadable. */
  get(applicationId: string): Promise<OriginalDocument | undefined>;
  describe(applicationId: string): Promise<OriginalInfo | undefined>;
}

/** The stored impression photo a verdict is about (media's MediaStored). */
export interface PhotoRef {
  readonly mediaId: string;
  readonly deviceId: string;
  readonly impressionSequence: number;
}

/** A stored verdict, with the photo it judged when that came from media. */
export interface Verification extends VerificationResult {
  readonly photo?: PhotoRef;
}

/** A stored object's bytes, as media decrypted them. */
export interface MediaContent {
  readonly bytes: Buffer;
  readonly contentType: string;
  /** Lower-case hex SHA-256 media recorded for the object. */
  readonly sha256: string;
}

/**
 * Reads media objects on this service's own behalf (internal service token). Refuses objects larger
 * than `maxBytes` (ResourceExhausted) before reading them whole; NotFound for an id media does not hold
 * in that organisation.
 */
export interface MediaReader {
  read(organisationId: string, mediaId: string, maxBytes: number): Promise<MediaContent>;
}

/** What a stored verdict announces: to the event bus, through the store's outbox. */
export type VerificationAnnouncement =
  | { readonly kind: "photo-verified"; readonly result: Verification }
  | { readonly kind: "alarm"; readonly result: Verification; readonly verdict: "mismatch" | "blank" }
  | { readonly kind: "verdict-reviewed"; readonly result: Verification; readonly previous: ComparisonVerdict };

/**
 * Verdicts per impression photo, with their review history. A verdict and what it announces are
 * written together (transactional outbox), so an alarm is never lost nor sent for an unstored verdict.
 */
export interface VerdictStore {
  /**
   * Stores a new verdict. If the impression or the photo's media id already has one (a redelivered
   * stamp record or MediaStored event), nothing is written and the stored verdict is returned instead.
   */
  add(result: Verification, announcements: readonly VerificationAnnouncement[]): Promise<Verification>;
  /** Replaces a verdict after a review; FailedPrecondition when another review landed first. */
  update(result: Verification, expectedReviews: number, announcements: readonly VerificationAnnouncement[]): Promise<void>;
  get(verificationId: string): Promise<Verification | undefined>;
  findByImpression(applicationId: string, impressionId: string): Promise<Verification | undefined>;
  findByMedia(mediaId: string): Promise<Verification | undefined>;
  /** An application's verdicts in one organisation, oldest first. */
  listByApplication(organisationId: string, applicationId: string): Promise<Verification[]>;
  /** Unreviewed verdicts of one organisation whose final verdict is one of `verdicts`, newest first, at most `limit`. */
  listUnreviewed(organisationId: string, verdicts: readonly string[], limit: number): Promise<Verification[]>;
}

/** Threshold profiles per organisation; the default profile when an organisation has none. */
export interface ThresholdProfileStore {
  forOrganisation(organisationId: string): Promise<ThresholdProfile>;
  setForOrganisation(organisationId: string, profile: ThresholdProfile): Promise<void>;
}
