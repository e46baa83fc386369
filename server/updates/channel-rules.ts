import { createHash } from 'node:crypto';
import { AppError, ErrorCode } from '../../core/errors.js';
import type { ChannelChanges, ChannelRow, ReleaseRef } from '../../db/central/queries/update-releases.js';

/**
 * How a channel moves (docs/updates.md, "Channels"): pure functions from a channel's state to
 * its next one, and from a state and a device to the release that device is served.
 */

/**
 * A device's place in the staged rollout of `version`: 0 to 99, the same at every request,
 * and independent between versions (a device early for one release is not always early).
 */
export function rolloutBucket(deviceId: string, version: string): number {
  return createHash('sha256').update(`${version}\n${deviceId}`).digest().readUInt32BE(0) % 100;
}

/**
 * The release a request is served. The current release goes to devices whose bucket is below
 * the rollout percent; the others, and requests that name no device, get the previous one.
 * With no previous release (the channel's first, or after a rollback) everyone gets the current.
 * Null when the channel has no release.
 */
export function servedRelease(state: ChannelRow, deviceId: string | undefined): ReleaseRef | null {
  const { current, previous } = state;
  if (current === null) return null;
  if (previous === null || state.rolloutPercent >= 100) return current;
  if (deviceId === undefined) return previous;
  return rolloutBucket(deviceId, current.version) < state.rolloutPercent ? current : previous;
}

/** The state as it is, to change from. */
function unchanged(state: ChannelRow): ChannelChanges {
  return {
    currentReleaseId: state.current?.id ?? null,
    previousReleaseId: state.previous?.id ?? null,
    pendingReleaseId: state.pending?.id ?? null,
    rolloutPercent: state.rolloutPercent,
    held: state.held,
  };
}

/** The release every device not in a rollout runs: the current one once fully rolled out. */
function settledRelease(state: ChannelRow): string | null {
  return state.previous === null || state.rolloutPercent >= 100 ? (state.current?.id ?? null) : state.previous.id;
}

/** `releaseId` becomes current at `rolloutPercent`; what everyone had becomes the fallback. */
function promote(state: ChannelRow, releaseId: string, rolloutPercent: number): ChannelChanges {
  const previous = settledRelease(state);
  return {
    currentReleaseId: releaseId,
    previousReleaseId: previous === releaseId ? null : previous,
    pendingReleaseId: null,
    rolloutPercent,
    held: state.held,
  };
}

/**
 * After publishing `releaseId`: served at `rolloutPercent` at once, or, on a held channel,
 * kept waiting (pending) until it is resumed.
 */
export function afterPublish(state: ChannelRow, releaseId: string, rolloutPercent: number): ChannelChanges {
  if (state.held) return { ...unchanged(state), pendingReleaseId: releaseId };
  return promote(state, releaseId, rolloutPercent);
}

/**
 * Holding freezes what the channel serves; resuming serves the release published meanwhile
 * (if any) at the channel's rollout percent.
 */
export function afterHold(state: ChannelRow, held: boolean): ChannelChanges {
  if (held) return { ...unchanged(state), held: true };
  const resumed = { ...state, held: false };
  return state.pending === null
    ? { ...unchanged(resumed), held: false }
    : promote(resumed, state.pending.id, state.rolloutPercent);
}

/**
 * Serves `release` (an earlier release of the channel) to everyone, with no rollout; a release
 * waiting on a held channel keeps waiting.
 */
export function afterRollback(state: ChannelRow, release: ReleaseRef): ChannelChanges {
  return { ...unchanged(state), currentReleaseId: release.id, previousReleaseId: null, rolloutPercent: 100 };
}

/**
 * A new share of devices for the current release.
 * @throws AppError CHANNEL_HELD (409): a held channel serves nothing new until it is resumed.
 */
export function afterRollout(state: ChannelRow, rolloutPercent: number): ChannelChanges {
  if (state.held) {
    throw new AppError(ErrorCode.ChannelHeld, `The ${state.channel} channel is held: resume it first`, {
      channel: state.channel,
    });
  }
  return { ...unchanged(state), rolloutPercent };
}
