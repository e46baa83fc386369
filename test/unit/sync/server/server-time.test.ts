import { describe, expect, it } from 'vitest';
import { clockAuditContext, DEFAULT_CLOCK_BOUNDS, mutationInstant } from '../../../../sync/server/server-time.js';

const serverNow = new Date('2026-11-20T12:00:00.000Z');
const minutes = (n: number) => n * 60_000;
const at = (offsetMs: number) => new Date(serverNow.getTime() + offsetMs).toISOString();

describe('the instant a mutation writes', () => {
  it('is the claimed time when it lies within the offline window', () => {
    const claimed = at(-minutes(60 * 24 * 13));
    expect(mutationInstant(claimed, serverNow)).toEqual({ at: claimed, adjusted: null });
  });

  it('is capped at the server’s now for a future claim, adjusted only beyond the skew', () => {
    expect(mutationInstant(at(minutes(4)), serverNow)).toEqual({ at: serverNow.toISOString(), adjusted: null });
    expect(mutationInstant(at(minutes(6)), serverNow)).toEqual({ at: serverNow.toISOString(), adjusted: 'future' });
    expect(mutationInstant('2099-01-01T00:00:00.000Z', serverNow).at).toBe(serverNow.toISOString());
  });

  it('is the start of the offline window for a claim older than it', () => {
    const floor = at(-DEFAULT_CLOCK_BOUNDS.offlineWindowMs);
    expect(mutationInstant('2001-01-01T00:00:00.000Z', serverNow)).toEqual({ at: floor, adjusted: 'past' });
  });

  it('is never before a later lower bound (the signing key’s creation)', () => {
    const keyCreated = new Date(at(-minutes(30)));
    expect(mutationInstant(at(-minutes(90)), serverNow, DEFAULT_CLOCK_BOUNDS, keyCreated)).toEqual({
      at: keyCreated.toISOString(),
      adjusted: 'past',
    });
  });

  it('names an adjusted claim for the audit trail, and nothing else', () => {
    const claimed = '2001-01-01T00:00:00.000Z';
    const instant = mutationInstant(claimed, serverNow);
    expect(clockAuditContext(claimed, instant)).toEqual({
      clock: { claimedAt: claimed, usedAt: instant.at, adjusted: 'past' },
    });
    expect(clockAuditContext(at(-1000), mutationInstant(at(-1000), serverNow))).toBeNull();
  });
});
