/**
 * Text normalisation and edit distances shared by the comparison and the CER measurement.
 * Everything here works on arrays of code points, so a CJK character or an astral symbol counts once.
 */

const CONTENT_CHAR = /[\p{L}\p{N}]/u;

/**
 * NFKC (full-width `，：（０` become ASCII), then only letters and digits remain: punctuation and
 * whitespace are where OCR output and the original differ most without the meaning changing.
 */
export function normaliseContent(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFKC")) if (CONTENT_CHAR.test(ch)) out += ch.toLowerCase();
  return out;
}

/** Levenshtein distance between two strings, by code points, in O(min(a,b)) memory. */
export function levenshtein(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (x.length < y.length) return levenshteinArrays(y, x);
  return levenshteinArrays(x, y);
}

function levenshteinArrays(x: readonly string[], y: readonly string[]): number {
  let previous = new Uint32Array(y.length + 1);
  let current = new Uint32Array(y.length + 1);
  for (let j = 0; j <= y.length; j++) previous[j] = j;
  for (let i = 1; i <= x.length; i++) {
    current[0] = i;
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      const substitution = (previous[j - 1] as number) + (xi === y[j - 1] ? 0 : 1);
      const deletion = (previous[j] as number) + 1;
      const insertion = (current[j - 1] as number) + 1;
      current[j] = Math.min(substitution, deletion, insertion);
    }
    [previous, current] = [current, previous];
  }
  return previous[y.length] as number;
}

/** Character error rate of `recognised` against `truth`, both content-normalised. */
export function characterErrorRate(recognised: string, truth: string): number {
  const t = normaliseContent(truth);
  if (t.length === 0) return normaliseContent(recognised).length === 0 ? 0 : 1;
  return levenshtein(normaliseContent(recognised), t) / [...t].length;
}

/** `1 − distance / max(length)`: 1 for identical texts, 0 for nothing in common. */
export function globalSimilarity(a: string, b: string): number {
  const longest = Math.max([...a].length, [...b].length);
  return longest === 0 ? 1 : 1 - levenshtein(a, b) / longest;
}

/** Where a needle matched inside a haystack and at what cost. */
export interface SubstringMatch {
  readonly distance: number;
  readonly start: number;
  readonly end: number;
}

/**
 * Best match of `needle` anywhere in `haystack` (semi-global edit distance: skipping haystack text
 * before and after is free), so clause order and extra text in the photo do not count against it.
 */
export function bestSubstringMatch(needle: readonly string[], haystack: readonly string[]): SubstringMatch {
  const n = needle.length;
  const m = haystack.length;
  if (n === 0) return { distance: 0, start: 0, end: 0 };
  // Column over the needle; one row per haystack position. Start positions ride along for the span.
  let previous = new Uint32Array(n + 1);
  let current = new Uint32Array(n + 1);
  let previousStart = new Int32Array(n + 1);
  let currentStart = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) {
    previous[i] = i;
    previousStart[i] = 0;
  }
  let best: SubstringMatch = { distance: n, start: 0, end: 0 };
  for (let j = 1; j <= m; j++) {
    current[0] = 0;
    currentStart[0] = j;
    const hj = haystack[j - 1];
    for (let i = 1; i <= n; i++) {
      const substitution = (previous[i - 1] as number) + (needle[i - 1] === hj ? 0 : 1);
      const skipHaystack = (previous[i] as number) + 1;
      const skipNeedle = (current[i - 1] as number) + 1;
      if (substitution <= skipHaystack && substitution <= skipNeedle) {
        current[i] = substitution;
        currentStart[i] = previousStart[i - 1] as number;
      } else if (skipHaystack <= skipNeedle) {
        current[i] = skipHaystack;
        currentStart[i] = previousStart[i] as number;
      } else {
        current[i] = skipNeedle;
        currentStart[i] = currentStart[i - 1] as number;
      }
    }
    if ((current[n] as number) < best.distance) best = { distance: current[n] as number, start: currentStart[n] as number, end: j };
    [previous, current] = [current, previous];
    [previousStart, currentStart] = [currentStart, previousStart];
  }
  return best;
}
