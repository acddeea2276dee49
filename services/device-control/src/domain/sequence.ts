/** An inclusive range of device event sequences that has not arrived although a later one did. */
export interface SequenceRange {
  readonly from: bigint;
  readonly to: bigint;
}

export type SequencePlacement =
  /** Next in line, or later: `gap` holds what was skipped, if anything. */
  | { readonly kind: "ahead"; readonly gap?: SequenceRange }
  /** Older than the highest stored: it fills (part of) a gap, or it is a duplicate if no gap covers it. */
  | { readonly kind: "late"; readonly gap?: SequenceRange };

/**
 * Places an arriving sequence relative to the highest stored one and the known gaps. The caller has
 * already checked that (device, sequence) is not stored (exactly-once is the store's unique key).
 */
export function placeSequence(lastSequence: bigint, sequence: bigint, gaps: readonly SequenceRange[]): SequencePlacement {
  if (sequence > lastSequence) {
    return sequence > lastSequence + 1n ? { kind: "ahead", gap: { from: lastSequence + 1n, to: sequence - 1n } } : { kind: "ahead" };
  }
  const gap = gaps.find((g) => g.from <= sequence && sequence <= g.to);
  return gap ? { kind: "late", gap } : { kind: "late" };
}

/** What remains of `gap` once `sequence` (inside it) arrived: zero, one or two ranges. */
export function fillGap(gap: SequenceRange, sequence: bigint): SequenceRange[] {
  const rest: SequenceRange[] = [];
  if (gap.from < sequence) rest.push({ from: gap.from, to: sequence - 1n });
  if (sequence < gap.to) rest.push({ from: sequence + 1n, to: gap.to });
  return rest;
}

/** Sequences are unsigned 64-bit and start at 1. */
export function isValidSequence(sequence: bigint): boolean {
  return sequence >= 1n && sequence <= 0xffff_ffff_ffff_ffffn;
}
