/**
 * Lock-out after repeated failed sign-ins, the same rule online (the server, per account) and
 * offline (a workstation, per cached credential): the first FREE_ATTEMPTS failures in a row
 * cost nothing; each one after that locks the account for a period that starts at
 * FIRST_LOCK_SECONDS and doubles per further failure, up to MAX_LOCK_SECONDS. A success resets
 * the count. Slow enough to make guessing pointless, short enough that a person who mistyped
 * is back in minutes.
 */
export const FREE_ATTEMPTS = 5;
export const FIRST_LOCK_SECONDS = 30;
export const MAX_LOCK_SECONDS = 15 * 60;

/**
 * Seconds an account stays locked after its `failedCount`-th consecutive failure (0: not
 * locked). Pure; never throws.
 */
export function lockSecondsAfter(failedCount: number): number {
  if (failedCount < FREE_ATTEMPTS) return 0;
  const doublings = Math.min(failedCount - FREE_ATTEMPTS, 20);
  return Math.min(FIRST_LOCK_SECONDS * 2 ** doublings, MAX_LOCK_SECONDS);
}
