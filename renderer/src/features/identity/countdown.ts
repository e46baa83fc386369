/**
 * Seconds from `now` until `until` (both epoch ms), rounded up so a wait never shows 0 while
 * the lock still holds; never negative.
 */
export function secondsLeft(until: number, now: number): number {
  return Math.max(0, Math.ceil((until - now) / 1000));
}

/** A wait as people read it: "45 s", "2 min 05 s", "15 min". */
export function formatWait(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${String(rest).padStart(2, '0')} s`;
}

/** A sign-in lock-out the server reported: for which account (as typed), until when (epoch ms). */
export interface LockOut {
  username: string;
  until: number;
}

/**
 * Whether `lockOut` still stops a sign-in as `username` at `now`. The lock-out is per account:
 * someone else at the same workstation signs in at once. Usernames compare as the server looks
 * them up (trimmed, lower case). Pure; never throws.
 */
export function lockOutApplies(lockOut: LockOut | null, username: string, now: number): boolean {
  if (!lockOut || secondsLeft(lockOut.until, now) === 0) return false;
  return accountKey(lockOut.username) === accountKey(username);
}

function accountKey(username: string): string {
  return username.trim().toLowerCase();
}
