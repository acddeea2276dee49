import { normaliseContent } from "./text.js";

const SENTENCE_END = /[。；！？;!?\n]+/u;
// Commas split too: a rewritten half-sentence must not be diluted by an unchanged other half.
// A comma between digits is a thousands separator, not a phrase end.
const PHRASE_END = /(?:[，、]|(?<!\p{Nd}),|,(?!\p{Nd}))+/u;
// Whitespace next to a CJK character separates table cells and label/value pairs; whitespace between
// Latin letters or digits ("48V 100Ah") stays inside one piece.
const CJK_GAP = /(?<=[\p{Script=Han}（）《》：:])[ \t\u3000]+|[ \t\u3000]+(?=[\p{Script=Han}（）《》])/u;

/**
 * Splits an original page into clauses: sentences, lines and table cells. Pieces shorter than
 * `minChars` content characters join their neighbour on the same line (a row number joins its
 * row's first cell), never a piece of another line, whose place in the photo's reading order may differ.
 * Returns the clauses as written (not normalised).
 */
export function splitClauses(text: string, minChars: number): string[] {
  const clauses: string[] = [];
  for (const sentence of text.split(SENTENCE_END)) {
    const pieces = sentence
      .split(PHRASE_END)
      .flatMap((phrase) => phrase.split(CJK_GAP))
      .map((cell) => cell.trim())
      .filter((cell) => normaliseContent(cell).length > 0);
    const line: string[] = [];
    let carry = "";
    for (const piece of pieces) {
      const joined = carry ? `${carry} ${piece}` : piece;
      if ([...normaliseContent(joined)].length < minChars) carry = joined;
      else {
        line.push(joined);
        carry = "";
      }
    }
    if (carry) {
      const last = line.pop();
      line.push(last === undefined ? carry : `${last} ${carry}`);
    }
    clauses.push(...line);
  }
  return clauses;
}

// A number: digits with thousands or decimal separators inside (OCR sometimes adds a space after them).
const NUMBER = /\p{Nd}(?:\p{Nd}|[,.，．]\s?(?=\p{Nd}))*/gu;

// Numbers written in Chinese (三十日, 大写 amounts). A lone numeral is left out: 一 in 一方 or 第一条 is a word.
const CHINESE_NUMBER = /[零〇一二三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟两]{2,}/gu;

/**
 * The numbers in a text: digit strings ("¥4,599.00" → "459900") and Chinese numerals of two or more
 * characters ("三十", "肆拾捌万贰仟"), in order.
 */
export function numbersOf(text: string): string[] {
  const normalised = text.normalize("NFKC");
  return [...[...normalised.matchAll(NUMBER)].map((m) => m[0].replace(/\D/g, "")), ...[...normalised.matchAll(CHINESE_NUMBER)].map((m) => m[0])];
}

/** A one-digit number with the content characters beside it (normalised as normaliseContent does). */
export interface DigitInContext {
  readonly digit: string;
  readonly before: string;
  readonly after: string;
}

/**
 * The one-digit numbers of a text (`UPS-3K`, `2024年4月`, `PLC-S7`) with their nearest letter or digit on
 * each side, skipping spaces and punctuation. A lone digit is everywhere on a page (row numbers, dates),
 * so it proves nothing by itself; with a neighbour it does.
 */
export function singleDigitsOf(text: string): DigitInContext[] {
  const normalised = text.normalize("NFKC");
  const out: DigitInContext[] = [];
  for (const match of normalised.matchAll(NUMBER)) {
    if (match[0].length !== 1) continue;
    const at = match.index;
    out.push({ digit: match[0], before: nearestContent(normalised, at - 1, -1), after: nearestContent(normalised, at + 1, 1) });
  }
  return out;
}

function nearestContent(text: string, from: number, step: 1 | -1): string {
  for (let i = from; i >= 0 && i < text.length; i += step) {
    const ch = normaliseContent(text.charAt(i));
    if (ch) return ch;
  }
  return "";
}

/**
 * Splits a document's text into pages on form feeds (what PDF text extraction and the CLI use);
 * a text without form feeds is one page.
 */
export function splitPages(text: string): string[] {
  return text
    .split("\f")
    .map((page) => page.trim())
    .filter((page) => normaliseContent(page).length > 0);
}
