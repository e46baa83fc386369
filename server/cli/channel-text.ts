import type { UpdateChannelState } from '../../core/release/update-admin-wire.js';

/**
 * One line about a channel for people: its current release, the rollout (with what the others
 * get), whether it is held and what waits. The rollout is shown only where it splits devices.
 */
export function describeChannel(state: UpdateChannelState): string {
  const rollout = state.previous === null ? '' : `, ${state.rolloutPercent}% (others: ${state.previous})`;
  const pending = state.pending === null ? '' : `, waiting: ${state.pending}`;
  return `${state.channel}: ${state.current ?? 'no release'}${rollout}${state.held ? ', HELD' : ''}${pending}\n`;
}
