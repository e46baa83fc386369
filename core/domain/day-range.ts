/** The widest span of calendar days one appointments read answers: a month view, never the whole book. */
export const MAX_RANGE_DAYS = 31;

/** Why a `from`..`to` day range (ISO dates, both included) is refused, as staff read it. */
export const DAY_RANGE_MESSAGES = {
  reversed: 'The range ends before it starts',
  tooLong: `Ask for at most ${MAX_RANGE_DAYS} days`,
} as const;

/** Calendar days from `from` to `to`, both counted ('2026-11-23'..'2026-11-23' is 1). */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * The message refusing a day range, or null when it is 1 to MAX_RANGE_DAYS days, first day
 * first. The contract's input schema and the local read model both ask this one function.
 */
export function dayRangeProblem(from: string, to: string): string | null {
  if (from > to) return DAY_RANGE_MESSAGES.reversed;
  const days = daysInclusive(from, to);
  if (!(days >= 1 && days <= MAX_RANGE_DAYS)) return DAY_RANGE_MESSAGES.tooLong;
  return null;
}
