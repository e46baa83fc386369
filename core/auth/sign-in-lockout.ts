/**
 * The sign-in lockout rule, the same online (per account, on the server) and offline (per
 * cached account, on a workstation): after FREE_ATTEMPTS consecutive failures the account is
 * locked for 30 s, each further failure doubles the lock, up to 15 minutes. A success resets
 * the count. Guessing is then limited to a few hundred tries a day per account, while a person
 * who mistypes a few times waits seconds.
 */

/** Consecutive failures allowed before the first lock. */
export const FREE_ATTEMPTS = 5;
/** The first lock, in seconds. */
export const FIRST_LOCK_SECONDS = 30;
/** The longest lock, in seconds. */
export const MAX_LOCK_SECONDS = 15 * 60;

/**
 * Seconds the account stays locked after its `failedCount`-th consecutive failure; 0 when
 * that failure earns no lock. Pure; never throws (a negative or fractional count reads as 0).
 */
export function lockSecondsAfter(failedCount: number): number {
  const beyond = Math.floor(failedCount) - FREE_ATTEMPTS;
  if (!(beyond >= 0)) return 0;
  // 2^beyond overflows nothing here: the cap is reached after six doublings.
  return Math.min(FIRST_LOCK_SECONDS * 2 ** Math.min(beyond, 30), MAX_LOCK_SECONDS);
}
