import { numbersOf, singleDigitsOf, splitClauses, splitPages } from "./clauses.js";
import { bestSubstringMatch, globalSimilarity, levenshtein, normaliseContent } from "./text.js";
import type { ClauseScore, ComparisonOutcome, ComparisonVerdict, DigitMismatch, OriginalDocument, OriginalPage, ThresholdProfile } from "./verdict.js";

// Seal text ("合同专用章", "财务专用章") is read on otherwise blank pages; a short line is all a seal yields.
// OCR reads 章 as 童 and 合 as 食 or 全 through the seal's own ink.
const SEAL_LINE = /(专用[章童]|^.{0,4}公章$|财务章|^.?同章$)/u;
const SEAL_LINE_MAX_CHARS = 12;
// A lone digit in a table cell (a row number) is often missed by the text detector: too small a box.
const LONE_DIGIT = /(?<=^|\s)\p{Nd}(?=\s|$)/gu;

/** Builds an original document from its text; pages are separated by form feeds. */
export function originalFromText(applicationId: string, organisationId: string, text: string, profile: ThresholdProfile): OriginalDocument {
  const pages: OriginalPage[] = splitPages(text).map((pageText, index) => ({
    number: index + 1,
    text: pageText,
    clauses: splitClauses(pageText, profile.minClauseChars),
  }));
  return { applicationId, organisationId, pages };
}

/** A line read on the photo, and whether seal ink covers it. */
export interface EvidenceLine {
  readonly text: string;
  readonly underSeal: boolean;
}

/** What the comparison needs from OCR and the image check. */
export interface PhotoEvidence {
  readonly inkRatio: number;
  readonly lines: readonly EvidenceLine[];
  /** The engine is too weak to decide alone; the verdict becomes `review`. */
  readonly reviewOnly: boolean;
}

interface PageScore {
  readonly page: OriginalPage;
  readonly clauses: ClauseScore[];
  /** Sum of clause distances over the page's characters. */
  readonly error: number;
  readonly similarity: number;
}

function scorePage(page: OriginalPage, photo: readonly string[], photoContent: string, sealed: readonly boolean[]): PageScore {
  const clauses: ClauseScore[] = page.clauses.map((clause) => {
    const needle = [...normaliseContent(clause)];
    const match = bestSubstringMatch(needle, photo);
    return {
      clause,
      errorRate: needle.length === 0 ? 0 : match.distance / needle.length,
      found: photo.slice(match.start, match.end).join(""),
      underSeal: sealed.slice(match.start, Math.max(match.end, match.start + 1)).some(Boolean),
    };
  });
  let distance = 0;
  let chars = 0;
  for (const c of clauses) {
    const length = [...normaliseContent(c.clause)].length;
    distance += c.errorRate * length;
    chars += length;
  }
  return {
    page,
    clauses,
    error: chars === 0 ? 1 : distance / chars,
    similarity: globalSimilarity(normaliseContent(page.text), photoContent),
  };
}

/**
 * Every number of the original page must appear in the photo as often as in the original, with
 * exactly the same digits. Counting (not position) keeps table reading order out of it; a number
 * changed in one of two places still leaves one occurrence missing.
 */
function missingNumbers(page: OriginalPage, clauses: readonly ClauseScore[], photoLines: readonly string[], photoContent: string): { mismatch: DigitMismatch; errorRate: number; underSeal: boolean }[] {
  const available = new Map<string, number>();
  const photoNumbers = photoLines.flatMap((line) => numbersOf(line));
  for (const n of photoNumbers) available.set(n, (available.get(n) ?? 0) + 1);
  const pairs = new Map<string, number>();
  const photoChars = [...photoContent];
  for (let i = 1; i < photoChars.length; i++) {
    const pair = `${photoChars[i - 1] as string}${photoChars[i] as string}`;
    pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
  }
  const take = (pair: string): boolean => {
    const left = pairs.get(pair) ?? 0;
    if (left > 0) pairs.set(pair, left - 1);
    return left > 0;
  };
  const unmatched: { index: number; expected: string; found?: string }[] = [];
  for (const [index, clause] of page.clauses.entries()) {
    const withoutRowNumbers = clause.replace(LONE_DIGIT, " ");
    // A one-digit number must be read next to at least one of its neighbours: otherwise any row
    // number or date digit on the page would vouch for it (`UPS-6K` changed to `UPS-3K` passed on the
    // row number 3). A neighbour misread on one side is tolerated; a changed digit fails both.
    for (const { digit, before, after } of singleDigitsOf(withoutRowNumbers)) {
      if ((before && take(`${before}${digit}`)) || (after && take(`${digit}${after}`))) continue;
      if (!before && !after && (available.get(digit) ?? 0) > 0) continue;
      unmatched.push({ index, expected: digit, found: digitBeside(photoContent, before, after) });
    }
    for (const expected of numbersOf(withoutRowNumbers)) {
      if (expected.length === 1 && /\p{Nd}/u.test(expected)) continue;
      const left = available.get(expected) ?? 0;
      if (left > 0) available.set(expected, left - 1);
      else unmatched.push({ index, expected });
    }
  }
  // OCR drops separators ("2024-1092" read as "20241092"): a number may sit inside a longer run
  // that no exact match used. Each run is consumed as it is used, so it cannot vouch twice.
  const leftovers = [...available.entries()].flatMap(([n, count]) => Array.from({ length: count }, () => n));
  const missing: { mismatch: DigitMismatch; errorRate: number; underSeal: boolean }[] = [];
  for (const { index, expected, found } of unmatched) {
    const clause = page.clauses[index] as string;
    const score = clauses[index];
    if (found !== undefined) {
      missing.push({ mismatch: { clause, expected, found }, errorRate: score?.errorRate ?? 1, underSeal: score?.underSeal ?? false });
      continue;
    }
    const host = leftovers.findIndex((run) => run.length > expected.length && run.includes(expected));
    if (host >= 0) {
      leftovers[host] = (leftovers[host] as string).replace(expected, "|");
      continue;
    }
    missing.push({ mismatch: { clause, expected, found: closestNumber(expected, photoNumbers) }, errorRate: score?.errorRate ?? 1, underSeal: score?.underSeal ?? false });
  }
  return missing;
}

/** The digit read where a one-digit number was expected: next to the same neighbour; "" if none. */
function digitBeside(photoContent: string, before: string, after: string): string {
  const escape = (ch: string) => ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = before ? new RegExp(`${escape(before)}(\\p{Nd})`, "u") : after ? new RegExp(`(\\p{Nd})${escape(after)}`, "u") : undefined;
  return pattern?.exec(photoContent)?.[1] ?? "";
}

function closestNumber(expected: string, candidates: readonly string[]): string {
  let best = "";
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = levenshtein(expected, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return bestDistance <= Math.max(1, expected.length / 3) ? best : "";
}

/**
 * Compares what was read on a photo with the original document and decides a verdict.
 * Order: blank (ink, then characters), which page, changed clauses, digits, uncertain band.
 */
export function comparePhoto(original: OriginalDocument, evidence: PhotoEvidence, profile: ThresholdProfile): ComparisonOutcome {
  const contentLines = evidence.lines.filter((line) => {
    const content = normaliseContent(line.text);
    return !(SEAL_LINE.test(content) && [...content].length <= SEAL_LINE_MAX_CHARS);
  });
  // Per character of the photo's content: whether the line it came from lies under seal ink.
  const sealed: boolean[] = [];
  let photoContent = "";
  for (const line of contentLines) {
    const content = normaliseContent(line.text);
    photoContent += content;
    for (let i = 0; i < [...content].length; i++) sealed.push(line.underSeal);
  }
  const photo = [...photoContent];
  const base = { inkRatio: evidence.inkRatio, contentChars: photo.length };
  const finish = (scored: ComparisonVerdict, rest: Omit<ComparisonOutcome, "verdict" | "scoredVerdict" | "inkRatio" | "contentChars">): ComparisonOutcome => {
    const forced = evidence.reviewOnly && scored !== "review";
    return {
      verdict: forced ? "review" : scored,
      scoredVerdict: scored,
      ...base,
      ...rest,
      reasons: forced ? [...rest.reasons, "engine is a fallback: verdicts go to manual review"] : rest.reasons,
    };
  };
  const empty = { similarity: 0, page: null, worstClause: null, changedClauses: [], digitMismatches: [] };

  if (evidence.inkRatio < profile.blankInkRatio) return finish("blank", { ...empty, reasons: [`ink ratio ${evidence.inkRatio.toFixed(5)} below ${profile.blankInkRatio}`] });
  if (photo.length < profile.minContentChars) return finish("blank", { ...empty, reasons: [`${photo.length} content characters read, fewer than ${profile.minContentChars}`] });
  if (original.pages.length === 0) return finish("unknown_page", { ...empty, reasons: ["the original has no text"] });

  let best: PageScore | undefined;
  for (const page of original.pages) {
    const score = scorePage(page, photo, photoContent, sealed);
    if (!best || score.error < best.error) best = score;
  }
  if (!best) throw new Error("unreachable: original has pages");
  const worst = best.clauses.reduce<ClauseScore | null>((w, c) => (w === null || c.errorRate > w.errorRate ? c : w), null);
  if (best.error > profile.pageMaxError) {
    return finish("unknown_page", {
      ...empty,
      similarity: best.similarity,
      reasons: [`error rate ${best.error.toFixed(3)} against the closest original page (${best.page.number}) is above ${profile.pageMaxError}`],
    });
  }

  const isShort = (c: ClauseScore) => [...normaliseContent(c.clause)].length < profile.shortClauseChars;
  // Seal ink over text is the commonest cause of misreading: a clause or number read under the seal
  // that differs goes to a reviewer instead of raising a mismatch.
  const overThreshold = best.clauses.filter((c) => c.errorRate >= (isShort(c) ? profile.shortClauseMismatch : profile.clauseMismatch));
  // Only a clause whose best match lies in a line under the seal is tolerated. A clause the seal hid
  // completely is not found at all and counts as changed: widening the tolerance to its neighbours was
  // measured to hide rewritten clauses next to the seal (docs/ocr-verification.md).
  const changedClauses = overThreshold.filter((c) => !c.underSeal);
  const sealedClauses = overThreshold.filter((c) => c.underSeal);
  const doubtfulShort = best.clauses.filter((c) => isShort(c) && c.errorRate >= profile.clauseMismatch && c.errorRate < profile.shortClauseMismatch);
  const digitChecks = missingNumbers(best.page, best.clauses, contentLines.map((l) => l.text), photoContent);
  const certain = (d: (typeof digitChecks)[number]) => d.errorRate <= profile.digitNoiseTolerance && !d.underSeal;
  const certainDigits = digitChecks.filter(certain).map((d) => d.mismatch);
  const doubtfulDigits = digitChecks.filter((d) => !certain(d)).map((d) => d.mismatch);
  const digitMismatches = digitChecks.map((d) => d.mismatch);
  const common = { similarity: best.similarity, page: best.page.number, worstClause: worst, changedClauses: overThreshold, digitMismatches };

  const reasons: string[] = [];
  if (changedClauses.length > 0) reasons.push(`${changedClauses.length} clause(s) with error rate ≥ ${profile.clauseMismatch}`);
  if (certainDigits.length > 0) reasons.push(`${certainDigits.length} number(s) with different digits`);
  if (reasons.length > 0) return finish("mismatch", { ...common, reasons });

  if (sealedClauses.length > 0) reasons.push(`${sealedClauses.length} clause(s) under the seal read with error rate ≥ ${profile.clauseMismatch}`);
  if (doubtfulShort.length > 0) reasons.push(`${doubtfulShort.length} short clause(s) read with error rate ≥ ${profile.clauseMismatch}`);
  if (doubtfulDigits.length > 0) reasons.push(`${doubtfulDigits.length} number(s) differ in a poorly read clause`);
  if (worst && worst.errorRate >= profile.clauseReview) reasons.push(`worst clause error rate ${worst.errorRate.toFixed(2)} in the review band`);
  if (best.similarity < profile.globalReview) reasons.push(`global similarity ${best.similarity.toFixed(3)} below ${profile.globalReview}`);
  if (reasons.length > 0) return finish("review", { ...common, reasons });
  return finish("match", { ...common, reasons: [] });
}
