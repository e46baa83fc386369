import type { UpdateChannel } from '../../../../core/release/update-admin-wire.js';

const LABELS: Record<UpdateChannel, string> = { stable: 'Stable', beta: 'Beta' };

/** A channel's name as admins read it ("Stable"). */
export function channelLabel(channel: UpdateChannel): string {
  return LABELS[channel];
}
