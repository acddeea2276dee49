import type { ComparisonVerdict, OriginalDocument, ThresholdProfile, VerificationResult } from "../domain/verdict.js";

/** A decoded photo, already reduced to what OCR and the blank check need. */
export interface PreparedPage {
  readonly width: number;
  readonly height: number;
  /** One 8-bit channel: the red channel, in which a red seal is nearly white and black text stays black. */
  readonly pixels: Uint8Array;
  /** Share of ink pixels in the central 80 % of the frame (0–1), measured before any OCR. */
  readonly inkRatio: number;
}

/** Decodes and checks untrusted image bytes; throws InvalidArgument for malformed or oversized input. */
export interface PageImageDecoder {
  prepare(bytes: Uint8Array): Promise<PreparedPage>;
}

/** One recognised text line. */
export interface RecognisedLine {
  readonly text: string;
  readonly confidence: number;
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

/** Verdicts per impression photo, with their review history. */
export interface VerdictStore {
  save(result: VerificationResult): Promise<void>;
  get(verificationId: string): Promise<VerificationResult | undefined>;
  update(result: VerificationResult): Promise<void>;
}

/** Threshold profiles per organisation; the default profile when an organisation has none. */
export interface ThresholdProfileStore {
  forOrganisation(organisationId: string): Promise<ThresholdProfile>;
  setForOrganisation(organisationId: string, profile: ThresholdProfile): Promise<void>;
}

/** What the service announces: verdicts, alarms for the seal keeper, and reviews. */
export interface VerificationEvents {
  photoVerified(result: VerificationResult): Promise<void>;
  alarmRaised(result: VerificationResult, verdict: Extract<ComparisonVerdict, "mismatch" | "blank">): Promise<void>;
  verdictReviewed(result: VerificationResult): Promise<void>;
}
