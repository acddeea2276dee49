import type { LineText } from "./line-reading.js";

/** Numerals the number check compares exactly (Arabic, full-width, Chinese and financial). */
const NUMERAL = /[0-9０-９〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億]/u;
/** An emitted character below this probability, or a skipped one above `DROPPED`, is a hesitation. */
const SURE = 0.85;
const DROPPED = 0.2;

export interface DecodedLine extends LineText {
  /** The recogniser hesitated over a numeral: a doubtful one emitted, or one nearly emitted and dropped. */
  readonly doubtfulNumeral: boolean;
}

/**
 * Greedy CTC decoding: best class per step, repeats merged, blanks (class 0) dropped. Also notes
 * whether a numeral was in doubt: emitted with low probability or with a numeral as runner-up, or
 * a numeral runner-up to a blank (a character CTC may have dropped, as 捌 in 肆拾捌万).
 */
export function ctcDecode(logits: Float32Array, steps: number, classes: number, dictionary: readonly string[]): DecodedLine {
  let text = "";
  let scoreSum = 0;
  let count = 0;
  let last = -1;
  let doubtfulNumeral = false;
  const isNumeral = (c: number) => c > 0 && NUMERAL.test(dictionary[c - 1] ?? "");
  for (let t = 0; t < steps; t++) {
    const row = t * classes;
    let best = 0;
    let second = -1;
    for (let c = 1; c < classes; c++) {
      if ((logits[row + c] as number) > (logits[row + best] as number)) {
        second = best;
        best = c;
      } else if (second < 0 || (logits[row + c] as number) > (logits[row + second] as number)) second = c;
    }
    const bestScore = logits[row + best] as number;
    const secondScore = second < 0 ? 0 : (logits[row + second] as number);
    if (!doubtfulNumeral) {
      if (best !== 0 && bestScore < SURE && (isNumeral(best) || isNumeral(second))) doubtfulNumeral = true;
      else if (best === 0 && secondScore > DROPPED && isNumeral(second) && second !== last) doubtfulNumeral = true;
    }
    if (best !== last && best !== 0) {
      text += dictionary[best - 1] ?? "";
      scoreSum += bestScore;
      count++;
    }
    last = best;
  }
  return { text, confidence: count === 0 ? 0 : scoreSum / count, doubtfulNumeral };
}
