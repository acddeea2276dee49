import type { ThresholdProfile } from "./verdict.js";

/**
 * Measured defaults (docs/ocr-verification.md, "Thresholds"): on red-channel PP-OCRv4 output,
 * unchanged pages' worst clause stayed ≤ 0.44 and changed clauses were ≥ 0.52, blank pages had
 * ink ≤ 0.001 % against ≥ 1.08 % for text pages, and the fewest characters read on a real page was 122.
 */
export const DEFAULT_PROFILE: ThresholdProfile = Object.freeze({
  name: "default",
  blankInkRatio: 0.002,
  minContentChars: 20,
  minClauseChars: 4,
  clauseMismatch: 0.48,
  shortClauseChars: 8,
  shortClauseMismatch: 0.75,
  clauseReview: 0.35,
  globalReview: 0.8,
  pageMaxError: 0.25,
  digitNoiseTolerance: 0.25,
});

/** Sends more to review: for organisations that prefer a reviewer's look over any doubt. */
export const STRICT_PROFILE: ThresholdProfile = Object.freeze({
  ...DEFAULT_PROFILE,
  name: "strict",
  clauseMismatch: 0.4,
  clauseReview: 0.25,
  globalReview: 0.9,
  pageMaxError: 0.2,
  digitNoiseTolerance: 0.5,
});

/** Fewer reviews on poor photos; still flags the changed clauses measured (≥ 0.52). */
export const LENIENT_PROFILE: ThresholdProfile = Object.freeze({
  ...DEFAULT_PROFILE,
  name: "lenient",
  clauseMismatch: 0.5,
  clauseReview: 0.45,
  globalReview: 0.7,
  pageMaxError: 0.3,
  digitNoiseTolerance: 0.15,
});

export const THRESHOLD_PROFILES: Readonly<Record<string, ThresholdProfile>> = Object.freeze({
  default: DEFAULT_PROFILE,
  strict: STRICT_PROFILE,
  lenient: LENIENT_PROFILE,
});

/** The named profile, or undefined when there is none by that name. */
export function thresholdProfile(name: string): ThresholdProfile | undefined {
  return Object.hasOwn(THRESHOLD_PROFILES, name) ? THRESHOLD_PROFILES[name] : undefined;
}
