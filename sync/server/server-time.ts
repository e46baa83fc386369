/**
 * The server's bound on the instants a mutation writes (issue 9, architecture §4). A mutation
 * carries its workstation's clock (`createdAt`), which is needed (an offline change happened
 * when it happened) but not to be trusted: a workstation with a wrong clock, or a person who
 * sets it, could date a payment, an issued bill or a signed-off record in the future or in a
 * past no workstation can have been offline for. So the instants written to rows (`paid_at`,
 * `issued_at`, `finalized_at`, status stamps, soft deletes, conflict resolutions) are the
 * claimed time kept within [server now - offline window, server now]; the claim itself stays
 * in the ledger (`sync.mutations.client_created_at`, beside the server's `received_at`), and
 * an adjusted claim is named in the audit context of every row the mutation writes.
 */

/** How far a mutation's claimed time may stray from the server's clock. */
export interface ClockBounds {
  /**
   * How long a workstation may work offline (VETDESK_OFFLINE_DAYS, as milliseconds): its offline
   * credentials expire then. A change that arrives later than this is still dated no earlier
   * than this bound, and one whose signing key stopped being valid longer ago than this is
   * refused (mutation-proof.ts), which is what lets spent keys be pruned.
   */
  readonly offlineWindowMs: number;
  /** Clock difference tolerated without calling a future claim adjusted (it is still capped). */
  readonly futureSkewMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** 14 days offline (VETDESK_OFFLINE_DAYS' default) and 5 minutes of clock skew. */
export const DEFAULT_CLOCK_BOUNDS: ClockBounds = { offlineWindowMs: 14 * DAY_MS, futureSkewMs: 5 * 60 * 1000 };

/** The instant a mutation's effects are stamped with, and whether the claim was moved. */
export interface MutationInstant {
  /** ISO 8601: what `MutationContext.now` is on the server. */
  readonly at: string;
  /**
   * Why the claimed time was not used as it was: `future` beyond the skew, `past` before the
   * offline window or `notBefore`; null when it was used (a future claim within the skew is
   * capped at the server's now without calling it adjusted).
   */
  readonly adjusted: 'future' | 'past' | null;
}

/**
 * The instant to write for a mutation claiming `claimed`, received when the server's clock said
 * `serverNow`: the claim kept within [max(serverNow - offline window, notBefore), serverNow].
 * `notBefore` is a later lower bound when one is known (the creation of the signing key that
 * proved the mutation: nothing it signed can be older). Pure; never throws (an unreadable
 * claim is treated as the server's now, adjusted as `future`, though the envelope schema
 * already refuses one).
 */
export function mutationInstant(
  claimed: string,
  serverNow: Date,
  bounds: ClockBounds = DEFAULT_CLOCK_BOUNDS,
  notBefore?: Date,
): MutationInstant {
  const now = serverNow.getTime();
  const claimedMs = Date.parse(claimed);
  const floor = Math.max(now - bounds.offlineWindowMs, notBefore?.getTime() ?? -Infinity);
  if (Number.isNaN(claimedMs) || claimedMs > now + bounds.futureSkewMs) {
    return { at: serverNow.toISOString(), adjusted: 'future' };
  }
  if (claimedMs > now) return { at: serverNow.toISOString(), adjusted: null };
  if (claimedMs < floor) return { at: new Date(floor).toISOString(), adjusted: 'past' };
  return { at: claimed, adjusted: null };
}

/** What the audit context records about an adjusted claim; null when nothing was adjusted. */
export function clockAuditContext(claimed: string, instant: MutationInstant): Record<string, unknown> | null {
  return instant.adjusted === null
    ? null
    : { clock: { claimedAt: claimed, usedAt: instant.at, adjusted: instant.adjusted } };
}
