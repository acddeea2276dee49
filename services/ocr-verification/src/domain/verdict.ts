/** Outcome of comparing one impression photo with the application's original. */
export type ComparisonVerdict = "match" | "mismatch" | "blank" | "unknown_page" | "review";

export const COMPARISON_VERDICTS: readonly ComparisonVerdict[] = ["match", "mismatch", "blank", "unknown_page", "review"];

/**
 * Thresholds that turn scores into verdicts. Defaults and how they were measured are in
 * docs/ocr-verification.md; an organisation may pick a stricter or more lenient profile.
 */
export interface ThresholdProfile {
  readonly name: string;
  /** Ink share (0–1) below which a page is blank before any OCR. */
  readonly blankInkRatio: number;
  /** Fewer recognised content characters than this (seal text removed) is a blank page. */
  readonly minContentChars: number;
  /** Clauses shorter than this (content characters) join their neighbour. */
  readonly minClauseChars: number;
  /** A clause whose best match has at least this error rate is changed. */
  readonly clauseMismatch: number;
  /**
   * Clauses with fewer content characters than this are too short for one misread character to
   * decide: between clauseMismatch and shortClauseMismatch they send the page to review instead.
   */
  readonly shortClauseChars: number;
  readonly shortClauseMismatch: number;
  /** From this error rate up to clauseMismatch the worst clause sends the page to review. */
  readonly clauseReview: number;
  /** Global similarity below this sends an otherwise matching page to review. */
  readonly globalReview: number;
  /**
   * Character error rate over all clauses of the closest original page (sum of best-match
   * distances / characters) above which the photo shows a page that is not in the application.
   */
  readonly pageMaxError: number;
  /**
   * A digit difference in a clause read with more error than this is treated as an OCR doubt
   * (review) instead of a change (mismatch): seal ink over a date is the usual cause.
   */
  readonly digitNoiseTolerance: number;
}

/** One page of an original document, split into clauses. */
export interface OriginalPage {
  readonly number: number;
  readonly text: string;
  readonly clauses: readonly string[];
}

/** An applicant's original document, stored with the application. */
export interface OriginalDocument {
  readonly applicationId: string;
  readonly organisationId: string;
  readonly pages: readonly OriginalPage[];
}

/** A clause of the original and how badly the photo's text differs from it. */
export interface ClauseScore {
  readonly clause: string;
  /** Edit distance of the best-matching span in the photo, divided by the clause's length. */
  readonly errorRate: number;
  /** The best-matching text in the photo (normalised). */
  readonly found: string;
  /** The best match lies (partly) in a line covered by seal ink. */
  readonly underSeal: boolean;
}

/** A number of the original that appears with different digits in the photo. */
export interface DigitMismatch {
  readonly clause: string;
  readonly expected: string;
  readonly found: string;
}

/** The comparison of one photo with one original document. */
export interface ComparisonOutcome {
  readonly verdict: ComparisonVerdict;
  /** What the scores alone decided; differs from `verdict` when the engine forces review. */
  readonly scoredVerdict: ComparisonVerdict;
  /** Global similarity with the best-matching original page (0–1); 0 for blank pages. */
  readonly similarity: number;
  /** 1-based page of the original the photo shows, or null for blank or unknown pages. */
  readonly page: number | null;
  readonly worstClause: ClauseScore | null;
  readonly changedClauses: readonly ClauseScore[];
  readonly digitMismatches: readonly DigitMismatch[];
  readonly inkRatio: number;
  readonly contentChars: number;
  readonly reasons: readonly string[];
}

/** A reviewer's decision on a verdict. */
export interface VerdictReview {
  readonly reviewerId: string;
  readonly decision: "confirm" | "overturn";
  readonly verdict: ComparisonVerdict;
  readonly note: string;
  readonly at: string;
}

/** A stored verdict for one impression photo. */
export interface VerificationResult {
  readonly verificationId: string;
  readonly applicationId: string;
  readonly organisationId: string;
  readonly impressionId: string;
  readonly engine: string;
  readonly profile: string;
  readonly outcome: ComparisonOutcome;
  readonly seconds: number;
  readonly createdAt: string;
  readonly reviews: readonly VerdictReview[];
  /** The verdict that stands: the last review's, or the computed one. */
  readonly finalVerdict: ComparisonVerdict;
}
