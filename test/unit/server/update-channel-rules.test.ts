import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import type { ChannelRow } from '../../../db/central/queries/update-releases.js';
import { parseRange } from '../../../server/updates/byte-range.js';
import {
  afterHold,
  afterPublish,
  afterRollback,
  afterRollout,
  rolloutBucket,
  servedRelease,
} from '../../../server/updates/channel-rules.js';

const v1 = { id: 'r1', version: '1.0.0' };
const v2 = { id: 'r2', version: '1.1.0' };
const v3 = { id: 'r3', version: '1.2.0' };

function channel(overrides: Partial<ChannelRow> = {}): ChannelRow {
  return {
    channel: 'stable',
    current: null,
    previous: null,
    pending: null,
    rolloutPercent: 100,
    held: false,
    updatedAt: new Date(0),
    ...overrides,
  };
}

describe('staged rollout', () => {
  const devices = Array.from({ length: 4000 }, () => newId());

  it('puts a device in the same bucket at every request, and in independent buckets per version', () => {
    for (const device of devices.slice(0, 50)) {
      expect(rolloutBucket(device, '1.1.0')).toBe(rolloutBucket(device, '1.1.0'));
    }
    const same = devices.filter((device) => rolloutBucket(device, '1.1.0') === rolloutBucket(device, '1.2.0'));
    expect(same.length).toBeLessThan(devices.length * 0.05);
  });

  it('serves the current release to about the rollout share of devices, the previous to the rest', () => {
    const state = channel({ current: v2, previous: v1, rolloutPercent: 30 });
    const onCurrent = devices.filter((device) => servedRelease(state, device) === v2).length;
    expect(onCurrent / devices.length).toBeGreaterThan(0.27);
    expect(onCurrent / devices.length).toBeLessThan(0.33);
    expect(servedRelease(state, undefined)).toBe(v1);
    // Raising the share only adds devices: none that had the new release loses it.
    const wider = channel({ ...state, rolloutPercent: 60 });
    for (const device of devices)
      if (servedRelease(state, device) === v2) expect(servedRelease(wider, device)).toBe(v2);
  });

  it('serves everyone the current release at 100%, without a previous one, and nothing without a release', () => {
    expect(servedRelease(channel({ current: v2, previous: v1, rolloutPercent: 100 }), undefined)).toBe(v2);
    expect(servedRelease(channel({ current: v2, rolloutPercent: 0 }), devices[0])).toBe(v2);
    expect(servedRelease(channel(), devices[0])).toBeNull();
  });
});

describe('channel changes', () => {
  it('publishing makes the release current; the release everyone had becomes the fallback', () => {
    expect(afterPublish(channel({ current: v1 }), v2.id, 20)).toMatchObject({
      currentReleaseId: v2.id,
      previousReleaseId: v1.id,
      rolloutPercent: 20,
    });
    // Mid-rollout, devices outside it still run the previous release: it stays the fallback.
    expect(afterPublish(channel({ current: v2, previous: v1, rolloutPercent: 20 }), v3.id, 100)).toMatchObject({
      currentReleaseId: v3.id,
      previousReleaseId: v1.id,
    });
  });

  it('a held channel keeps serving what it served; resuming serves what was published meanwhile', () => {
    const held = channel({ current: v1, held: true, rolloutPercent: 50 });
    const published = afterPublish(held, v2.id, 100);
    expect(published).toMatchObject({ currentReleaseId: v1.id, pendingReleaseId: v2.id, held: true });
    const resumed = afterHold({ ...held, pending: v2 }, false);
    expect(resumed).toMatchObject({
      currentReleaseId: v2.id,
      previousReleaseId: v1.id,
      pendingReleaseId: null,
      rolloutPercent: 50,
      held: false,
    });
    expect(() => afterRollout(held, 80)).toThrow(expect.objectContaining({ code: 'CHANNEL_HELD' }));
  });

  it('rolling back serves the chosen release to everyone', () => {
    expect(afterRollback(channel({ current: v3, previous: v2, rolloutPercent: 10 }), v1)).toMatchObject({
      currentReleaseId: v1.id,
      previousReleaseId: null,
      rolloutPercent: 100,
    });
  });
});

describe('byte ranges', () => {
  it('reads one range, suffixes and open ends; ignores bad syntax', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ kind: 'part', start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ kind: 'part', start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ kind: 'part', start: 900, end: 999 });
    expect(parseRange('bytes=990-5000', 1000)).toEqual({ kind: 'part', start: 990, end: 999 });
    expect(parseRange('bytes=9-3', 1000)).toEqual({ kind: 'whole' });
    expect(parseRange('items=0-1', 1000)).toEqual({ kind: 'whole' });
    expect(parseRange(undefined, 1000)).toEqual({ kind: 'whole' });
  });

  it('refuses a range past the end', () => {
    expect(parseRange('bytes=1000-', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 1000)).toEqual({ kind: 'unsatisfiable' });
  });
});
